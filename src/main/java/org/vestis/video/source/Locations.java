package org.vestis.video.source;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How an input string is read: URL or path, live stream or file. Kept apart so the factory and sources agree. */
final class Locations {
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+://)[^/@]*@");
    private static final Set<String> STREAM_SCHEMES = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "rtp", "udp", "srt", "tcp", "mms", "mmsh");
    // An http(s) URL naming a file is a download we can read to the end; anything else (HLS, MJPEG, ...) is live.
    private static final Pattern FILE_LIKE = Pattern.compile(
            ".*\\.(mp4|m4v|mov|mkv|webm|avi|wmv|flv|mpg|mpeg|ts|gif|3gp|ogv|mjpeg|png|jpe?g|bmp)$", Pattern.CASE_INSENSITIVE);

    private Locations() {
    }

    static boolean isUrl(String s) {
        return URL.matcher(s).matches();
    }

    static boolean isLiveUrl(String url) {
        if (!isUrl(url)) {
            return false;
        }
        String scheme = url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT);
        if (STREAM_SCHEMES.contains(scheme)) {
            return true;
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            String path = url.substring(url.indexOf("://") + 3).replaceFirst("[?#].*$", "");
            int slash = path.indexOf('/');
            return slash < 0 || !FILE_LIKE.matcher(path.substring(slash)).matches();
        }
        return false;
    }

    /** The URL without user:password, for messages and logs. */
    static String redact(String location) {
        return USER_INFO.matcher(location).replaceFirst("$1");
    }

    static boolean isCamera(String s) {
        return s.matches("\\d+") || s.startsWith("/dev/video");
    }
}
