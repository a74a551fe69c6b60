"""WordPress exports (WXR) as ssg articles: the export read as a stream through a hardened
parser (wxr.py), each post's HTML made Markdown (body.py), its pictures found in the
uploads folder (uploads.py), its old URL kept (urls.py). `ssg import wordpress` puts them
together (commands/wordpress.py)."""
