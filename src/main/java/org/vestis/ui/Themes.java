package org.vestis.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;

/** FlatLaf's light and dark themes; switching repaints every open window. */
final class Themes {
    private Themes() {
    }

    static void install(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    static void switchTo(boolean dark) {
        install(dark);
        FlatLaf.updateUI();
    }

    static boolean dark() {
        return FlatLaf.isLafDark();
    }
}
