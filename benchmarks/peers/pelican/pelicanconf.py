# Pelican settings for the ssg benchmark (benchmarks/run.py copies this file into
# the project folder; the corpus is the folder content/ beside it, or $CORPUS).
import os

HERE = os.path.dirname(os.path.abspath(__file__))

AUTHOR = "أرشيف"
SITENAME = "أرشيف الأخبار"
SITEURL = "https://example.org"
PATH = os.environ.get("CORPUS") or os.path.join(HERE, "content")
TIMEZONE = "Asia/Riyadh"
DEFAULT_LANG = "ar"
THEME = os.path.join(HERE, "theme")

# Read the YAML front-matter files as they are (pelican-yaml-metadata plugin).
PLUGINS = ["pelican.plugins.yaml_metadata"]

ARTICLE_PATHS = [""]
PAGE_PATHS = []
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False
SLUGIFY_USE_UNICODE = True  # Arabic tag slugs (default would transliterate to ASCII)
RELATIVE_URLS = False
DEFAULT_PAGINATION = False

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "tags"]
# not produced by the other peers: off
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
PAGE_SAVE_AS = ""

# one Atom feed of the 20 newest articles
FEED_ALL_ATOM = "atom.xml"
FEED_MAX_ITEMS = 20
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
