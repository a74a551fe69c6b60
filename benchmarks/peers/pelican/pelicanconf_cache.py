# Pelican with its content cache on (the fastest documented settings found for
# the baseline: reader layer, no gzip, mtime checks). run.py's "pelican-cache".
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = os.environ.get("PELICAN_CACHE_LAYER", "reader")
CHECK_MODIFIED_METHOD = "mtime"
CACHE_PATH = os.environ.get("PELICAN_CACHE_PATH") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache")
GZIP_CACHE = os.environ.get("PELICAN_GZIP_CACHE", "0") == "1"
