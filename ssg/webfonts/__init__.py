"""Web fonts: the site's Arabic and Latin faces, subset with fontTools to the characters
Arabic and Latin text use, as woff2 files the pages preload."""
