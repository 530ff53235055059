#!/usr/bin/env python3
"""Writes the sample bookstore that gleaner's demo and integration tests crawl.

Usage: generate_books.py OUT_DIR

OUT_DIR receives a static site in the spirit of books.toscrape.com (home page,
paginated category listings, one page per book), a documentation site under
/docs/ (docs_site.py; the two never link to each other), and the records each
example job in config/ must extract, one JSON object per line:

  expected.jsonl        config/books.json: one per book, sorted by "url"
  expected-cards.jsonl  config/book-cards.json: one per listing card, by "link"
  expected-docs.jsonl   config/docs.json: one per docs page, by "url"

URLs in them are paths (tests strip the server's origin from records); text is
what an HTML5 parser's text extraction yields (entities decoded, whitespace
collapsed and trimmed); attribute values are as written, entities decoded.
Metadata that changes from run to run (fetched_at) is left out.

The output depends on nothing but these files: seeded random.Randoms, no
clock, no environment. A summary line goes to stdout (meson keeps it as the
stamp). OUT_DIR must be empty, missing, or an earlier output of this script.
"""

import html
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import docs_site
from html_text import text_of

SEED = 20240611
BOOKS_PER_PAGE = 20
MAX_PAGE_BYTES = 8 * 1024
MAX_SITE_BYTES = 3 * 1024 * 1024
MARKER = ".gleaner-sample-site"

# (name as written in HTML, slug, number of books). 300 books in all; the
# uneven sizes give categories of one, two and three listing pages.
CATEGORIES = [
    ("Mystery", "mystery", 52),
    ("Science Fiction", "science-fiction", 41),
    ("Food &amp; Drink", "food-and-drink", 38),
    ("Poetry", "poetry", 34),
    ("Travel", "travel", 30),
    ("Historical Fiction", "historical-fiction", 28),
    ("Philosophy", "philosophy", 25),
    ("Romance", "romance", 22),
    ("Art &amp; Design", "art-and-design", 18),
    ("Young Adult", "young-adult", 12),
]

RATINGS = ["One", "Two", "Three", "Four", "Five"]

# Titles that exercise entity decoding and UTF-8: (as written in HTML).
SPECIAL_TITLES = [
    "Café Society &amp; Other Stories",
    "Les Mis&eacute;rables, Abridged",
    "Don&#8217;t Look Back",
    "Naïve Geometry",
    "Crème Brûlée at Midnight",
    "1 &lt; 2: A Gentle Inequality",
    "&quot;Quoted&quot; &amp; Unquoted",
    "Smörgåsbord for Two",
    "Tokyo 東京 Nights",
    "Fire &amp; Ice &#x2014; Collected Poems",
    "Émile and the Zürich Affair",
    "São Paulo Diaries",
]

ADJECTIVES = [
    "Silent", "Hidden", "Last", "Golden", "Broken", "Distant", "Crimson",
    "Quiet", "Burning", "Forgotten", "Wandering", "Electric", "Paper",
    "Northern", "Secret", "Little", "Endless", "Velvet", "Hollow", "Bright",
]
NOUNS = [
    "Harbor", "Garden", "Letter", "River", "Clock", "Lantern", "Orchard",
    "Mirror", "Station", "Island", "Winter", "Library", "Compass", "Bridge",
    "Kitchen", "Archive", "Meadow", "Signal", "Tower", "Voyage",
]
PLACES = [
    "Lisbon", "the Fens", "Marrakesh", "Oslo", "the Valley", "Kyoto",
    "Patagonia", "Dublin", "the North Sea", "Vienna",
]
TITLE_PATTERNS = [
    "The {adj} {noun}",
    "{adj} {nouns}",
    "A {noun} in {place}",
    "{noun} and {noun2}",
    "The {noun} of {place}",
    "Notes on the {adj} {noun}",
    "Letters from {place}",
    "The {adj} {noun} of {place}",
]

# Description tokens: (HTML, text). Plain words are the same in both.
DESCRIPTION_WORDS = (
    "a an the of in on with and but for every quiet town where nothing "
    "happens until one morning someone finds map letter stranger storm old "
    "friend secret journey house family summer city story memory she he they "
    "discovers learns remembers follows loses keeps writes reads across years "
    "between sea mountains night light small strange careful honest brave"
).split()
DESCRIPTION_SPECIALS = [
    ("salt &amp; pepper", "salt & pepper"),
    ("&ldquo;home&rdquo;", "\u201chome\u201d"),
    ("<em>remarkable</em>", "remarkable"),
    ("<em>never</em> again", "never again"),
    ("a d&eacute;j&agrave; vu", "a déjà vu"),
    ("&hellip;", "\u2026"),
    ("x &lt; y &gt; z", "x < y > z"),
    ("ma&ntilde;ana", "mañana"),
    ("<strong>fierce</strong>", "fierce"),
    ("it&#39;s", "it's"),
]

# Links on the home page's category list that a crawler must drop rather than
# fetch: fragment-only, mailto and javascript.
UNFOLLOWABLE_NAV = [
    '<li><a href="#top">All books</a></li>',
    '<li><a href="mailto:orders@gleaner-books.test">Order by mail</a></li>',
    '<li><a href="javascript:void(0)" class="more">More categories</a></li>',
]

# An out-of-scope link inside a followed selector (a listing's article.book):
# another host name for this machine, on a port nothing listens on, so a
# crawler that ignores its allowed domains fails fast and stays local.
OUT_OF_SCOPE_URL = "http://localhost:1/catalogue/partner-pick_0/index.html"


def slugify(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Category:
    name_html: str
    slug: str
    size: int
    index: int
    books: list

    @property
    def name(self):
        return text_of(self.name_html)

    @property
    def pages(self):
        return (self.size + BOOKS_PER_PAGE - 1) // BOOKS_PER_PAGE

    def page_path(self, n):
        return f"/catalogue/category/{self.slug}/page-{n}.html"


@dataclass
class Book:
    id: int
    title_html: str
    category: Category
    price_pence: int
    price_html: str
    rating: str
    stock: int  # 0: out of stock
    description_html: str
    description_text: str
    upc: str
    quirks: set  # which malformed-but-common markup this page uses

    @property
    def title(self):
        return text_of(self.title_html)

    @property
    def slug(self):
        return f"{slugify(self.title)}_{self.id}"

    @property
    def path(self):
        return f"/catalogue/{self.slug}/index.html"

    @property
    def price(self):
        return f"£{self.price_pence // 100}.{self.price_pence % 100:02d}"

    @property
    def availability(self):
        return f"In stock ({self.stock} available)" if self.stock else "Out of stock"

    @property
    def image_src(self):
        return f"../../media/{self.slug}.jpg"


def make_title(rng):
    pattern = rng.choice(TITLE_PATTERNS)
    noun, noun2 = rng.sample(NOUNS, 2)
    nouns = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return pattern.format(adj=rng.choice(ADJECTIVES), noun=noun, noun2=noun2, nouns=nouns,
                          place=rng.choice(PLACES))


def make_description(rng):
    """Returns (HTML, text): sentences of words, entities and inline tags, with
    line breaks and indentation between some words as hand-written HTML has."""
    parts_html, parts_text = [], []
    for _ in range(rng.randint(2, 5)):
        words = [(w, w) for w in rng.choices(DESCRIPTION_WORDS, k=rng.randint(7, 15))]
        if rng.random() < 0.5:
            words.insert(rng.randint(1, len(words)), rng.choice(DESCRIPTION_SPECIALS))
        first_html, first_text = words[0]
        words[0] = (first_html[:1].upper() + first_html[1:], first_text[:1].upper() + first_text[1:])
        for i, (word_html, word_text) in enumerate(words):
            end = "." if i == len(words) - 1 else ""
            parts_html.append(word_html + end)
            parts_text.append(word_text + end)
    markup = parts_html[0]
    for part in parts_html[1:]:
        markup += rng.choice([" ", " ", " ", " ", "\n      ", "  "]) + part
    return markup, " ".join(parts_text)


def make_books(rng, categories):
    total = sum(c.size for c in categories)
    slots = [c for c in categories for _ in range(c.size)]
    rng.shuffle(slots)
    special_every = total // len(SPECIAL_TITLES)
    books = []
    for i in range(total):
        book_id = i + 1
        if i % special_every == 7 and i // special_every < len(SPECIAL_TITLES):
            title_html = SPECIAL_TITLES[i // special_every]
        else:
            title_html = make_title(rng)
        price_pence = rng.randint(1000, 5999)
        price_text = f"{price_pence // 100}.{price_pence % 100:02d}"
        price_html = ("&pound;" if rng.random() < 0.2 else "£") + price_text
        stock = 0 if rng.random() < 0.06 else rng.randint(1, 22)
        description_html, description_text = make_description(rng)
        quirks = {q for q in ("unclosed_p", "unclosed_li", "unclosed_td", "wrapped_h1",
                              "commented_h1") if rng.random() < 0.3}
        book = Book(id=book_id, title_html=title_html, category=slots[i],
                    price_pence=price_pence, price_html=price_html,
                    rating=rng.choice(RATINGS), stock=stock,
                    description_html=description_html,
                    description_text=description_text,
                    upc=f"{rng.getrandbits(64):016x}", quirks=quirks)
        slots[i].books.append(book)
        books.append(book)
    return books


def book_link(rng, book):
    """A link to a book's page from a listing, in one of the styles real sites mix."""
    style = rng.random()
    if style < 0.65:
        return f"../../{book.slug}/index.html"
    if style < 0.85:
        return book.path
    if style < 0.95:
        return f"./../../../catalogue/{book.slug}/index.html"
    # A fragment names a part of the same page: the crawler must strip it.
    return f"../../{book.slug}/index.html#reviews"


# Page skeleton. {root} is the relative path from the page to the site root.

HEAD = """<!DOCTYPE html>
<html lang="en-gb">
<head>
<meta charset="utf-8">
<title>{title} | Gleaner Books</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<link rel="stylesheet" href="{root}static/site.css">
<script>
  window.dataLayer = window.dataLayer || [];
  function track(name) {{ if (name && name.length < 64) {{ dataLayer.push({{"event": name}}); }} }}
  // Not markup: an HTML parser keeps this as script text.
  var priceTemplate = "<p class='price'>&pound;0.00</p>";
</script>
</head>
<body id="top" class="{body_class}">
<header class="header">
  <div class="brand"><a href="{root}index.html">Gleaner Books</a></div>
  <div class="tagline">Invented books, real markup</div>
  <nav class="account"><a href="/account/login.html">Log in</a> | <a href="/account/basket.html">Basket</a></nav>
</header>
<div class="container">
"""

FOOTER = """</div>
<footer class="footer">
  <p>A sample shop for the <a href="http://example.com/">gleaner</a> web scraper.
  Questions? <a href="mailto:shop@gleaner-books.test">Write to us</a>.
  <p class="legal">&copy; Gleaner Books. Every title, price and rating here is invented.</p>
</footer>
<script src="{root}static/site.js"></script>
</body>
</html>
"""

STARS = '<i class="icon-star"></i>' * 5


def page(title, root, body_class, sidebar, main, description=""):
    head = HEAD.format(title=title, root=root, body_class=body_class,
                       description=description or title)
    return head + sidebar + main + FOOTER.format(root=root)


def sidebar(categories, link, extra=()):
    items = [f'<li><a href="{link(c)}">{c.name_html}</a></li>' for c in categories]
    lines = ['<aside class="sidebar">', "<h2>Browse</h2>", '<ul class="categories">']
    lines += list(extra[:1]) + items + list(extra[1:])
    lines += ["</ul>", "</aside>", ""]
    return "\n".join(lines)


def book_card(book, href, unclosed_li):
    short = book.title if len(book.title) <= 22 else book.title[:19] + "..."
    stock = "In stock" if book.stock else "Out of stock"
    return f"""<li><article class="book">
<p class="star-rating {book.rating}"></p>
<h3><a href="{href}" title="{book.title_html}">{html.escape(short, quote=False)}</a></h3>
<p class="price">{book.price_html}</p> <p class="availability">{stock}</p>
</article>""" + ("\n" if unclosed_li else "</li>\n")


def home_page(rng, categories, books):
    featured = rng.sample(books, 8)
    cards = "".join(book_card(b, f"catalogue/{b.slug}/index.html", i % 3 == 2)
                    for i, b in enumerate(featured))
    nav = sidebar(categories, lambda c: c.page_path(1)[1:], UNFOLLOWABLE_NAV)
    main = f"""<main id="content">
<div class="page-header"><h1>All products</h1></div>
<p class="welcome">Welcome! {sum(c.size for c in categories)} books in {len(categories)} categories.
<section class="featured">
<h2>Featured books</h2>
<ol class="row">
{cards}</ol>
</section>
<p><a href="#top">Back to top</a></p>
</main>
"""
    return page("All products", "", "home", nav, main)


def listing_page(rng, categories, category, n, card_links):
    """The listing's HTML; appends (book, href as written) for each card to card_links."""
    first = (n - 1) * BOOKS_PER_PAGE
    shown = category.books[first:first + BOOKS_PER_PAGE]
    cards = ""
    for book in shown:
        href = book_link(rng, book)  # before the <li> coin: the order the site's bytes depend on
        cards += book_card(book, href, rng.random() < 0.25)
        card_links.append((book, href))
    if n == 1 and category.index in (0, 3):
        cards += f"""<li>
<article class="book sponsored">
  <p class="sponsor">Sponsored</p>
  <h3><a href="{OUT_OF_SCOPE_URL}" rel="sponsored">Partner pick of the week</a></h3>
</article>
</li>
"""
    pager = [f'<li class="current">Page {n} of {category.pages}</li>']
    if n > 1:
        previous = f"page-{n - 1}.html" if rng.random() < 0.5 else category.page_path(n - 1)
        pager.insert(0, f'<li class="previous"><a href="{previous}">previous</a></li>')
    if n < category.pages:
        pager.append(f'<li class="next"><a href="page-{n + 1}.html">next</a></li>')
    elif category.index % 2 == 1:
        pager.append('<li class="next disabled"><a href="javascript:void(0)">next</a></li>')
    nav = sidebar(categories, lambda c: c.page_path(1))
    main = f"""<main id="content">
<ul class="breadcrumb">
<li><a href="../../../index.html">Home</a></li>
<li class="active">{category.name_html}</li>
</ul>
<div class="page-header"><h1>{category.name_html}</h1></div>
<form class="sort" method="get"><label>Sort by <select name="sort"><option>Title<option>Price</select></label></form>
<p class="results"><strong>{category.size}</strong> results - showing <strong>{first + 1}</strong> to <strong>{first + len(shown)}</strong>.</p>
<ol class="row">
{cards}</ol>
<ul class="pager">
{chr(10).join(pager)}
</ul>
</main>
"""
    return page(f"{category.name_html}, page {n}", "../../../", "listing", nav, main)


def book_page(rng, categories, book):
    q = book.quirks
    end_p = "" if "unclosed_p" in q else "</p>"
    end_li = "" if "unclosed_li" in q else "</li>"
    end_td = "" if "unclosed_td" in q else "</td>"
    title_html = book.title_html
    if "wrapped_h1" in q and " " in title_html:
        head, tail = title_html.split(" ", 1)
        h1 = f"\n    {head}\n    {tail}\n  "
    else:
        h1 = title_html
    old_h1 = "<!-- <h1>Untitled draft</h1> -->\n" if "commented_h1" in q else ""
    if book.stock:
        stock_class = "instock availability"
        availability = rng.choice([
            f"\n    <i class=\"icon-ok\"></i>\n\n        In stock ({book.stock} available)\n\n",
            f"\n\tIn stock\n\t\t({book.stock} available)\n  ",
            f"In stock ({book.stock} available)  ",
        ])
    else:
        stock_class = "outofstock availability"
        availability = "\n    <i class=\"icon-remove\"></i>\n    Out of\n    stock\n"
    info = [("UPC", book.upc, ' class="upc"'), ("Product Type", "Books", ""),
            ("Price (excl. tax)", book.price_html, ""), ("Price (incl. tax)", book.price_html, ""),
            ("Tax", "£0.00", ""), ("Availability", book.availability, ""),
            ("Number of reviews", str(book.id % 4), "")]
    # No <tbody>: an HTML5 parser inserts it, so `table > tr` finds nothing.
    rows = "\n".join(f"<tr{attrs}><th>{name}</th><td>{value}{end_td}</tr>" for name, value, attrs in info)
    category = book.category
    nav = sidebar(categories, lambda c: f"../category/{c.slug}/page-1.html")
    main = f"""<main id="content">
<ul class="breadcrumb">
<li><a href="../../index.html">Home</a>{end_li}
<li class="category"><a href="../category/{category.slug}/page-1.html">{category.name_html}</a>{end_li}
<li class="active">{title_html}</li>
</ul>
<article class="product-page">
<div class="cover-image"><img class="cover" src="{book.image_src}" alt="{title_html}"></div>
<div class="product-main">
{old_h1}<h1>{h1}</h1>
<p class="price">{book.price_html}{end_p}
<p class="{stock_class}">{availability}{end_p}
<p class="star-rating {book.rating}">
  {STARS}
</p>
<p><a href="/account/basket.html?add={book.upc}" class="button">Add to basket</a></p>
</div>
<h2>Product Description</h2>
<div id="description">
<p>{book.description_html}{end_p}
</div>
<h2>Product Information</h2>
<table class="product-info">
{rows}
</table>
</article>
</main>
"""
    return page(title_html, "../../", "product", nav, main,
                description=html.escape(book.description_text[:140], quote=True))


def cover_jpeg():
    """A valid 8x8 mid-grey baseline JPEG: one block, DC and AC both coded as
    Huffman code 0 (a DC difference of 0, then end-of-block)."""
    def segment(marker, payload):
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload
    one_code = bytes([1] + [0] * 15) + b"\x00"
    return (b"\xff\xd8"
            + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + b"\x01" * 64)
            + segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
            + segment(0xC4, b"\x00" + one_code)
            + segment(0xC4, b"\x10" + one_code)
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
            + b"\x3f"  # bits 0 (DC), 0 (EOB), padded with ones
            + b"\xff\xd9")


SITE_CSS = """body { font-family: sans-serif; margin: 0 auto; max-width: 60em; }
.container { display: flex; gap: 2em; }
.sidebar { min-width: 12em; }
ol.row { list-style: none; display: flex; flex-wrap: wrap; padding: 0; }
ol.row > li { width: 11em; margin: 0 1em 1em 0; }
img.cover { width: 8em; height: 12em; background: #ccc; }
.star-rating .icon-star::before { content: "\\2605"; }
.price { color: #2a7a2a; font-weight: bold; }
.pager li, .breadcrumb li { display: inline; margin-right: 1em; }
"""

SITE_JS = """document.addEventListener("DOMContentLoaded", function () { track("page_view"); });
"""

ROBOTS = """# Gleaner Books welcomes polite crawlers.
User-agent: *
Disallow: /account/
"""


def expected_record(book):
    # Field order is config/books.json's; "url" is the path (tests add the origin).
    return {
        "url": book.path,
        "title": book.title,
        "price": book.price,
        "rating_class": f"star-rating {book.rating}",
        "availability": book.availability,
        "description": book.description_text,
        "category": book.category.name,
        "image": book.image_src,
        "upc": book.upc,
    }


def card_record(listing_path, book, href):
    # Field order is config/book-cards.json's; URLs are paths (tests add the
    # origin). The sponsored cards have no price, so the job drops them.
    return {
        "url": listing_path,
        "item": "card",
        "title": book.title,
        "price": book.price_pence / 100,
        "rating": RATINGS.index(book.rating) + 1,
        "in_stock": book.stock > 0,
        # Resolved (RFC 3986 §5.2: dot-segments removed) and canonical as the
        # crawl's own URLs are: the fragment (#reviews) dropped.
        "link": canonical_path(urljoin("http://sample.test" + listing_path, href)),
    }


def canonical_path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def prepare(out_dir):
    if out_dir.exists():
        if not out_dir.is_dir():
            sys.exit(f"generate_books: {out_dir}: not a directory")
        entries = sorted(out_dir.iterdir())
        if entries and not (out_dir / MARKER).exists():
            sys.exit(f"generate_books: {out_dir}: not empty and not an earlier sample site; "
                     "refusing to overwrite")
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                remove_tree(entry)
            else:
                entry.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("written by samples/generate_books.py\n")


def remove_tree(path):
    for entry in path.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            remove_tree(entry)
        else:
            entry.unlink()
    path.rmdir()


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: generate_books.py OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    rng = random.Random(SEED)
    categories = [Category(name, slug, size, i, []) for i, (name, slug, size) in enumerate(CATEGORIES)]
    books = make_books(rng, categories)

    pages = {"/index.html": home_page(rng, categories, books)}
    cards = []
    for category in categories:
        for n in range(1, category.pages + 1):
            card_links = []
            pages[category.page_path(n)] = listing_page(rng, categories, category, n, card_links)
            cards += [card_record(category.page_path(n), book, href) for book, href in card_links]
    for book in books:
        pages[book.path] = book_page(rng, categories, book)

    files = {path: text.encode("utf-8") for path, text in pages.items()}
    docs_files, docs_records = docs_site.build()
    files.update(docs_files)
    oversized = [p for p, body in files.items() if len(body) > MAX_PAGE_BYTES]
    if oversized:
        sys.exit(f"generate_books: {len(oversized)} pages over {MAX_PAGE_BYTES} bytes, "
                 f"e.g. {oversized[0]}")
    cover = cover_jpeg()
    for book in books:
        files[f"/media/{book.slug}.jpg"] = cover
    files["/static/site.css"] = SITE_CSS.encode()
    files["/static/site.js"] = SITE_JS.encode()
    files["/robots.txt"] = ROBOTS.encode()
    records = sorted((expected_record(b) for b in books), key=lambda r: r["url"])
    files["/expected.jsonl"] = jsonl(records)
    files["/expected-cards.jsonl"] = jsonl(sorted(cards, key=lambda r: r["link"]))
    files["/expected-docs.jsonl"] = jsonl(docs_records)

    total = sum(len(body) for body in files.values())
    if total > MAX_SITE_BYTES:
        sys.exit(f"generate_books: site is {total} bytes, over {MAX_SITE_BYTES}")

    prepare(out_dir)
    for path, body in files.items():
        target = out_dir / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    print(f"generate_books: {len(books)} books, {len(pages)} pages, "
          f"{len(docs_records) + 1} docs pages, {len(files)} files, "
          f"{total} bytes in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
