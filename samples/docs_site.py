"""The sample documentation site under /docs/, and the records config/docs.json
must extract from it (expected-docs.jsonl). generate_books.py writes both.

Shelfkit, an invented shop toolkit, documented the way static-site generators
do it: a landing page, five sections with an overview page each, 39 pages with a
sidebar of every page, a breadcrumb, an h1, a "last updated" line in one of two
styles (or none, or a draft note without a date), sections with h2 permalinks
(Sphinx's "¶"), h3 subheadings, code blocks, and option tables in the reference.
Some pages carry the markup real sites get wrong: unclosed <p>, <li>, <th> and
<td>, an h3 closed by </h4>, an h1 in a comment, an h2 in a <template>, an h1
split over lines. Nothing here links to the bookstore and the bookstore never links here.

Deterministic: one random.Random of its own, so the bookstore's bytes do not
depend on this file.
"""

import datetime
import html
import random

from html_text import text_of

SEED = 20241102
ROOT = "/docs/"

# (slug, name, [(page slug, title as written in HTML), ...]). 39 pages.
SECTIONS = [
    ("getting-started", "Getting started", [
        ("installation", "Installing Shelfkit"),
        ("quick-start", "Quick start"),
        ("first-catalogue", "Your first catalogue"),
        ("configuration-basics", "Configuration basics"),
        ("upgrading", "Upgrading from 1.x"),
    ]),
    ("guides", "Guides", [
        ("importing", "Importing books from CSV"),
        ("search", "Search &amp; filtering"),
        ("pagination", "Pagination"),
        ("caching", "Caching"),
        ("webhooks", "Webhooks"),
        ("authentication", "Authentication &amp; API keys"),
        ("translations", "Translations &#8212; i18n"),
        ("cover-images", "Cover images"),
        ("prices", "Prices, taxes &amp; currencies"),
        ("stock", "Stock levels"),
        ("exports", "Exporting data"),
        ("testing", "Testing your shop"),
    ]),
    ("reference", "Reference", [
        ("cli", "Command line: <code>shelf</code>"),
        ("config-file", "The <code>shelf.toml</code> file"),
        ("books-api", "Books API"),
        ("orders-api", "Orders API"),
        ("customers-api", "Customers API"),
        ("template-tags", "Template tag <code>&lt;shelf-list&gt;</code>"),
        ("events", "Events"),
        ("error-codes", "Error codes"),
        ("limits", "Limits"),
        ("environment", "Environment variables"),
    ]),
    ("operations", "Operations", [
        ("deploying", "Deploying"),
        ("backups", "Backups &amp; restore"),
        ("monitoring", "Monitoring"),
        ("logging", "Logging"),
        ("scaling", "Scaling out"),
        ("security", "Security checklist"),
        ("troubleshooting", "Troubleshooting"),
        ("release-notes", "Release notes"),
    ]),
    ("faq", "FAQ", [
        ("price-updates", "Why isn&#8217;t my price updating?"),
        ("slow-search", "Search is slow &#8212; what now?"),
        ("licence", "Can I use Shelfkit commercially?"),
        ("support", "Where do I get help?"),
    ]),
]

# h2 headings (as written in HTML); each page draws a few.
HEADINGS = [
    "Overview", "Before you begin", "Prerequisites", "How it works",
    "Options &amp; defaults", "Using <code>--dry-run</code>", "What&#8217;s next",
    "Limits &lt;= 1000 items", "Examples", "Common mistakes", "Performance",
    "Step by step", "Configuration", "Troubleshooting", "See also", "&quot;Strict&quot; mode",
]
SUBHEADINGS = [
    "On Debian", "On macOS", "With Docker", "From source", "Checking it worked",
    "Per shop", "Per request", "Caveats", "Rolling back", "In CI",
    "The <em>short</em> answer", "Timeouts &amp; retries", "Naming rules",
]
SENTENCES = [
    "Shelfkit keeps your catalogue, your orders and your customers in one place.",
    "Every book has a price, a stock level and a cover.",
    "The command line reads the configuration file before it starts, so mistakes show up early.",
    "When something fails, the log says which file and which line.",
    "Most shops never change the defaults.",
    "Run <code>shelf check</code> after every change to the configuration.",
    "Prices are stored in the smallest unit of the currency &#8212; pence, cents.",
    "A restart is not needed: the server reloads the file when it changes.",
    "Each request carries an API key; keys can be revoked at any time.",
    "Large imports run in the background and report their progress.",
    "Templates see the same data as the API.",
    "Nothing is deleted for 30 days, so a mistake can be undone.",
]
CODE_SAMPLES = [
    ("sh", "shelf init my-shop\ncd my-shop &amp;&amp; shelf serve --port 8080"),
    ("toml", "[shop]\nname = &quot;Gleaner Books&quot;\ncurrency = &quot;GBP&quot;"),
    ("json", "{&quot;title&quot;: &quot;Tokyo Nights&quot;, &quot;price&quot;: 12.5}"),
    ("python", "for book in shelf.books(limit=10):\n    print(book.title)"),
    ("html", "&lt;shelf-list category=&quot;poetry&quot;&gt;&lt;/shelf-list&gt;"),
]
OPTIONS = [
    ("cache_size", "64"), ("currency", "&quot;GBP&quot;"), ("page_size", "20"),
    ("timeout", "30 s"), ("log_level", "&quot;info&quot;"), ("max_items", "1000"),
    ("webhook_url", "<em>none</em>"), ("retries", "3"), ("locale", "&quot;en-GB&quot;"),
    ("strict", "false"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

CSS = """body { font-family: sans-serif; display: flex; gap: 2em; max-width: 70em; margin: 0 auto; }
nav.sidebar { min-width: 14em; }
nav.breadcrumb li { display: inline; margin-right: 0.5em; }
a.headerlink { visibility: hidden; margin-left: 0.3em; }
h2:hover a.headerlink { visibility: visible; }
pre { background: #f4f4f4; padding: 0.5em; }
"""


class DocPage:
    """One page of the docs and what the docs job reads from it."""

    def __init__(self, path, title_html, section=None):
        self.path = path
        self.title_html = title_html
        self.section = section  # (slug, name); None for the landing page
        self.body = ""
        self.record = None

    @property
    def title(self):
        return text_of(self.title_html)


def relative_href(from_path, to_path):
    """A relative link from one page to another, as a site generator writes it."""
    from_dir = from_path[:from_path.rfind("/") + 1].strip("/").split("/")
    to_parts = to_path.strip("/").split("/")
    if to_path.endswith("/"):
        to_parts.append("")
    common = 0
    while (common < len(from_dir) and common < len(to_parts) - 1
           and from_dir[common] == to_parts[common]):
        common += 1
    ups = [".."] * (len(from_dir) - common)
    href = "/".join(ups + to_parts[common:])
    return href or "./"


def sidebar(rng, here, pages):
    """Every page, grouped by section; some links relative, some from the root."""
    lines = ['<nav class="sidebar" aria-label="Documentation">',
             f'<p class="brand"><a href="{ROOT}">Shelfkit docs</a></p>', "<ul>"]
    for overview, section_pages in pages:
        lines.append(f'<li class="section"><a href="{href_to(rng, here, overview.path)}">'
                     f"{overview.section[1]}</a>")
        lines.append("<ul>")
        for page in section_pages:
            end = "" if rng.random() < 0.2 else "</li>"  # unclosed <li>: the parser closes it
            lines.append(f'<li><a href="{href_to(rng, here, page.path)}">{page.title_html}</a>{end}')
        lines.append("</ul></li>")
    # Links a crawl of the sidebar must not take: another host, and a fragment
    # of a page already listed.
    lines.append('<li class="external"><a href="https://github.com/example/shelfkit">Source code</a></li>')
    lines.append(f'<li class="external"><a href="{ROOT}guides/caching.html#invalidation">Cache invalidation</a></li>')
    lines += ["</ul>", "</nav>", ""]
    return "\n".join(lines)


def href_to(rng, here, target):
    return target if rng.random() < 0.3 else relative_href(here, target)


def head(title, here):
    """The page's start; <title> is text only, so it gets the h1's text, escaped."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} &#8212; Shelfkit documentation</title>
<link rel="stylesheet" href="{relative_href(here, ROOT + 'static/docs.css')}">
</head>
<body>
"""


def breadcrumb(page):
    """Docs > Section [> Page]: (HTML, the job's joined text)."""
    slug, name = page.section
    items = [f'<li><a href="{relative_href(page.path, ROOT)}">Docs</a></li>']
    texts = ["Docs", name]
    if page.path.endswith("/"):
        items.append(f'<li aria-current="page">{name}</li>')
    else:
        items.append(f'<li><a href="./">{name}</a></li>')
        items.append(f'<li aria-current="page">{page.title_html}</li>')
        texts.append(page.title)
    markup = '<nav class="breadcrumb" aria-label="Breadcrumb"><ol>\n' + "\n".join(items) + "\n</ol></nav>\n"
    return markup, " > ".join(texts)


def last_updated(rng):
    """The page's "last updated" line in one of the styles a docs site mixes:
    (HTML, the date the job reads or None)."""
    day = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 729))
    iso = day.isoformat()
    style = rng.random()
    if style < 0.7:
        spoken = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return f'<p class="last-updated">Last updated <time datetime="{iso}">{spoken}</time></p>\n', iso
    if style < 0.85:
        return f'<div class="meta">Last updated: {iso} (see the changelog)</div>\n', iso
    if style < 0.93:
        return '<div class="meta">Draft: not reviewed yet</div>\n', None
    return "", None


def sentence(rng):
    return rng.choice(SENTENCES)


def doc_section(rng, index, options):
    """One <section> of an article: (HTML, its outline entry, its code block's language or None)."""
    heading_html = HEADINGS[index]
    anchor = f"s{index}"
    subheadings = rng.sample(SUBHEADINGS, rng.choice([0, 0, 1, 2, 3]))
    close_p = "" if rng.random() < 0.3 else "</p>"  # an unclosed <p>: the next block closes it
    parts = [f'<section id="{anchor}">',
             f'<h2>{heading_html}<a class="headerlink" href="#{anchor}" title="Permalink">&#182;</a></h2>',
             f"<p>{sentence(rng)} {sentence(rng)}{close_p}"]
    for sub in subheadings:
        # </h4> closes an open <h3>: any heading end tag closes any heading (HTML5 "in body").
        end = "</h4>" if rng.random() < 0.15 else "</h3>"
        parts.append(f"<h3>{sub}{end}")
        parts.append(f"<p>{sentence(rng)}</p>")
    language = None
    if rng.random() < 0.45:
        language, code = rng.choice(CODE_SAMPLES)
        parts.append(f'<pre><code class="language-{language}">{code}</code></pre>')
    if options:
        parts.append(options)
    parts.append("</section>")
    entry = {
        "heading": text_of(heading_html),
        "anchor": anchor,
        "subheadings": [text_of(s) for s in subheadings],
    }
    return "\n".join(parts) + "\n", entry, language


def options_table(rng):
    """A reference page's option table: (HTML, {option: default} as the job reads it)."""
    rows = rng.sample(OPTIONS, rng.randint(3, 6))
    lines = ['<table class="options">',
             "<thead><tr><th>Option<th>Default<th>Meaning</thead>"]  # unclosed <th>s
    values = {}
    for name, default in rows:
        end_td = "" if rng.random() < 0.3 else "</td>"
        lines.append(f"<tr><td><code>{name}</code>{end_td}<td>{default}{end_td}"
                     f"<td>{sentence(rng)}{end_td}</tr>")
        values[name] = text_of(default)
    lines.append("</table>")  # no <tbody>: the parser adds one
    return "\n".join(lines), values


def article_page(rng, page, is_reference):
    crumbs, crumb_text = breadcrumb(page)
    updated_html, updated = last_updated(rng)
    h1 = page.title_html
    if rng.random() < 0.2 and " " in h1:
        first, rest = h1.split(" ", 1)
        h1 = f"\n  {first}\n  {rest}\n"
    body = [crumbs, '<main>\n<article class="doc">']
    if rng.random() < 0.15:
        body.append("<!-- <h1>Old title</h1> -->")
    body += [f"<h1>{h1}</h1>", updated_html + f"<p class=\"lead\">{sentence(rng)}</p>"]
    count = rng.randint(2, 5)
    chosen = sorted(rng.sample(range(len(HEADINGS)), count))
    table_at = rng.randrange(count) if is_reference else -1
    options = None
    outline, languages = [], []
    for i, heading_index in enumerate(chosen):
        table_html = ""
        if i == table_at:
            table_html, options = options_table(rng)
        markup, entry, language = doc_section(rng, heading_index, table_html)
        body.append(markup)
        outline.append(entry)
        if language:
            languages.append(language)
    if rng.random() < 0.2:
        body.append("<template><h2>Feedback form</h2></template>")  # not part of the page
    body.append("</article>\n</main>\n")
    page.body = "\n".join(body)
    page.record = {
        "url": page.path,
        "title": page.title,
        "section": page.section[1].lower(),
        "breadcrumb": crumb_text,
        "headings": [entry["heading"] for entry in outline],
        "outline": outline,
        "last_updated": updated,
        "code_languages": languages,
        "options": options,
    }


def overview_page(rng, page, section_pages):
    crumbs, crumb_text = breadcrumb(page)
    toc = "\n".join(f'<li><a href="{relative_href(page.path, p.path)}">{p.title_html}</a></li>'
                    for p in section_pages)
    page.body = f"""{crumbs}<main>
<article class="doc overview">
<h1>{page.title_html}</h1>
<p class="lead">{sentence(rng)}</p>
<ul class="toc">
{toc}
</ul>
</article>
</main>
"""
    page.record = {
        "url": page.path, "title": page.title, "section": page.section[1].lower(),
        "breadcrumb": crumb_text, "headings": [], "outline": [], "last_updated": None,
        "code_languages": [], "options": None,
    }


def landing_page(page, pages):
    cards = "\n".join(f'<li><a href="{relative_href(page.path, o.path)}">{o.section[1]}</a>: '
                      f"{len(ps)} pages</li>" for o, ps in pages)
    # No article.doc: the docs job's "when" leaves this page out.
    page.body = f"""<main class="landing">
<h1>Shelfkit documentation</h1>
<p>Everything about running a shop with Shelfkit.
<ul class="sections">
{cards}
</ul>
</main>
"""


def build():
    """{path: HTML bytes} for the docs site, and its expected records sorted by URL."""
    rng = random.Random(SEED)
    landing = DocPage(ROOT, "Shelfkit documentation")
    pages = []
    for slug, name, entries in SECTIONS:
        overview = DocPage(f"{ROOT}{slug}/", name, (slug, name))
        section_pages = [DocPage(f"{ROOT}{slug}/{page_slug}.html", title, (slug, name))
                         for page_slug, title in entries]
        pages.append((overview, section_pages))
    for overview, section_pages in pages:
        overview_page(rng, overview, section_pages)
        for page in section_pages:
            article_page(rng, page, overview.section[0] == "reference")
    landing_page(landing, pages)

    files = {}
    for page in [landing] + [p for o, ps in pages for p in [o] + ps]:
        path = page.path + ("index.html" if page.path.endswith("/") else "")
        text = (head(html.escape(page.title, quote=False), page.path) + sidebar(rng, page.path, pages) + page.body
                + "</body>\n</html>\n")
        files[path] = text.encode("utf-8")
    files[ROOT + "static/docs.css"] = CSS.encode()
    records = sorted((p.record for o, ps in pages for p in [o] + ps), key=lambda r: r["url"])
    return files, records
