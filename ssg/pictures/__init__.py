"""Pictures: their sizes for the HTML, the published copies (location and serial numbers
taken out, turned upright), the smaller variants a phone downloads, and share cards with
the headline set in shaped Arabic. Each output is a pure function of its source's bytes
and the picture settings, named by their digest, made once and kept in .ssg-cache/."""
