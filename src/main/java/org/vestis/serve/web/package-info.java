/**
 * The web server (Javalin on Jetty): pages rendered by Thymeleaf, a JSON API under /api, and one routes class per
 * area, each checking session, role and CSRF before its handler. Uses serve's services and the subpackages' records;
 * holds no logic the routes do not need.
 */
package org.vestis.serve.web;
