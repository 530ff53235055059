"""HTML for the benchmark shop: pages shaped like a real storefront's.

A page carries what real product pages carry around the few fields a scraper
wants: a big mega-menu, a style block, inline scripts and JSON-LD, tracking
pixels, related products and reviews, and markup browsers forgive (unclosed
<p>/<li>/<td>, a stray </div>, unquoted attributes, a missing </body>).

Field text is written with a mix of raw characters and entities (named,
decimal, hex, &nbsp; for some spaces, newlines inside elements) that an HTML5
parser decodes back to the product's text; the ground truth is that text with
whitespace collapsed. Boilerplate is built once and shared by every page.
"""

import html
import json
from html.entities import codepoint2name

from catalogue_data import DEPARTMENTS, PRODUCTS_PER_LISTING_PAGE, slugify

WORDS = (
    "quality design durable everyday comfortable lightweight finish premium "
    "material stainless steel oak handle grip easy clean dishwasher safe warranty "
    "compact storage travel home kitchen garden outdoor season gift perfect modern "
    "classic crafted tested reliable performance battery charge quick setup "
    "adjustable ergonomic eco friendly recycled packaging delivery customers love "
    "versatile robust elegant simple powerful quiet efficient energy saving"
).split()

SITE_NAME = "Gleanmart"

# Characters the entity writer may spell as &#150;-style references: HTML5
# maps these windows-1252 code points in 0x80-0x9F back to the intended
# character, as old CMSes rely on.
WINDOWS_1252_REFERENCES = {"–": 150, "’": 146, "€": 128}


class TextWriter:
    """Writes a field's text as HTML, choosing a spelling per character."""

    def __init__(self, rng, windows_1252):
        self.rng = rng
        self.windows_1252 = windows_1252

    def write(self, text):
        rng = self.rng
        out = []
        for ch in text:
            if ch == "&":
                out.append("&amp;" if rng.random() < 0.85 else "&#38;")
            elif ch == "<":
                out.append("&lt;")
            elif ch == '"':
                out.append("&quot;" if rng.random() < 0.5 else '"')
            elif ch == " ":
                roll = rng.random()
                out.append("&nbsp;" if roll < 0.04 else "\n      " if roll < 0.07 else " ")
            elif ord(ch) > 127:
                out.append(self._non_ascii(ch))
            else:
                out.append(ch)
        return "".join(out)

    def _non_ascii(self, ch):
        if self.windows_1252:
            return ch  # raw: encoded as windows-1252 bytes
        roll = self.rng.random()
        if ch in WINDOWS_1252_REFERENCES and roll < 0.1:
            return f"&#{WINDOWS_1252_REFERENCES[ch]};"
        if roll < 0.4:
            return ch
        if roll < 0.65 and ord(ch) in codepoint2name:
            return f"&{codepoint2name[ord(ch)]};"
        if roll < 0.85:
            return f"&#{ord(ch)};"
        return f"&#x{ord(ch):X};"


def format_price(cents, currency, variant):
    """Shop-style price text; `variant` (0/1) picks one of two layouts."""
    units, rest = divmod(cents, 100)
    if currency == "EUR":
        grouped = f"{units:,}".replace(",", ".")
        amount = f"{grouped},{rest:02d}"
        return f"{amount}&nbsp;&euro;" if variant else f"&#8364;{amount}"
    amount = f"{units:,}.{rest:02d}"
    if currency == "GBP":
        return f"&pound;{amount}"
    return f"US$&nbsp;{amount}" if variant else f"${amount}"


def paragraph(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


# --- shared boilerplate, built once ------------------------------------------

def _style_block():
    rules = []
    for i in range(60):
        rules.append(f".c-{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}rem;"
                     f"color:#{(i * 7919) % 0xFFFFFF:06x};font-size:{12 + i % 9}px}}")
    rules.append(".mega-menu .panel{display:none;position:absolute;left:0;right:0}"
                 ".mega-menu li:hover .panel{display:grid;grid-template-columns:repeat(4,1fr)}"
                 ".price{font-weight:700}.was-price{text-decoration:line-through;color:#888}"
                 ".stars{background:url(/img/stars.svg) repeat-x;display:inline-block;height:16px}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def _head_scripts():
    return """<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date()); gtag('config', 'G-GLEANMART1', {anonymize_ip: true});
(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';
j.async=true;j.src='/js/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XYZ');
</script>
<script>
/* Mini-cart template: rendered client-side; a scraper must not take it for the product. */
var miniCartTemplate = '<div class="mini-cart-item"><span class="price">{{price}}</span></div>';
if (document.cookie.indexOf('consent=1') < 0) { document.documentElement.className += ' needs-consent'; }
</script>"""


def _svg_icon(name):
    path = " ".join(f"L{(i * 37) % 24} {(i * 53) % 24}" for i in range(40))
    return (f'<svg class="icon icon-{name}" viewBox="0 0 24 24" aria-hidden=true>'
            f'<path d="M0 0 {path} Z"/></svg>')


def _mega_menu(categories):
    by_department = {}
    for category in categories:
        by_department.setdefault(category.department, []).append(category)
    parts = ['<nav class="mega-menu" aria-label="Shop by department"><ul class="departments">']
    for department, _ in DEPARTMENTS:
        slug = slugify(department)
        parts.append(f'<li class=dept><a class="dept-link" href="/d/{slug}.html">'
                     f'{html.escape(department, quote=False)}</a>'
                     f'<div class="panel"><ul class="cols">')
        for category in by_department[department]:
            # Unclosed <li>: the next <li> closes it, as HTML allows.
            parts.append(f'<li><a class="leaf" href="{category.listing_path(1)}">'
                         f'{html.escape(category.name, quote=False)}</a>')
        parts.append(f'</ul><div class="promo"><a href="/deals/{slug}.html">'
                     f'<img src="/img/promo/{slug}.jpg" alt="Deals in {html.escape(department)}" '
                     f'loading=lazy width=320 height=180>'
                     f'<span class="promo-text">Up to 40% off {html.escape(department, quote=False)} '
                     f'&ndash; this week only</span></a></div>'
                     f'<ul class="top-brands"><li><a href="/b/acme.html">Acme</a><li>'
                     f'<a href="/b/nordvik.html">Nordvik</a><li><a href="/b/bluewater.html">Bluewater</a>'
                     f'</ul></div></li>')
    parts.append("</ul></nav>")
    return "".join(parts)


def _header(menu):
    return f"""<div class="announcement">Free delivery on orders over &pound;50 &middot; 30-day returns &middot; <a href="/help/delivery.html">Details</a></div>
<header class="site-header">
<div class="bar"><a class="logo" href="/">{_svg_icon("logo")}<span>{SITE_NAME}</span></a>
<form class=search action=/search role=search><input type=search name=q placeholder="Search {SITE_NAME}&hellip;"><button type=submit>{_svg_icon("search")}</button></form>
<a class="account" href="/account/">{_svg_icon("user")} Sign in</a>
<div class="mini-cart"><a href="/cart/">{_svg_icon("cart")}<span class="count">0</span> items <span class="price">&pound;0.00</span></a></div>
</div>
{menu}
</header>
</div>"""  # the stray </div>: nothing is open, so browsers ignore it


def _footer():
    columns = []
    for title, links in [
        ("Help", ["Delivery", "Returns", "Track my order", "Contact us", "FAQ"]),
        ("About", ["Our story", "Careers", "Press", "Sustainability", "Affiliates"]),
        ("Shop", ["Gift cards", "Student discount", "Clearance", "New in", "Bestsellers"]),
        ("Legal", ["Terms &amp; conditions", "Privacy", "Cookies", "Accessibility", "Modern slavery statement"]),
    ]:
        items = "".join(f"<li><a href=/info/{slugify(html.unescape(link))}.html>{link}</a>" for link in links)
        columns.append(f'<div class=col><h4>{title}</h4><ul>{items}</ul></div>')
    social = "".join(f'<a href="https://social.example/{name}" rel=noopener>{_svg_icon(name)}</a>'
                     for name in ["facebook", "instagram", "x", "youtube", "pinterest"])
    return f"""<footer class="site-footer">
<div class="newsletter"><h3>Get 10% off your first order</h3><p>Sign up for offers, new arrivals and inspiration.
<form action=/newsletter method=post><input type=email name=email required><button>Sign up</button></form></div>
<div class="links">{"".join(columns)}</div>
<div class="social">{social}</div>
<p class="legal">&copy; 2026 {SITE_NAME} Ltd. Registered in England &amp; Wales, no. 01234567. VAT GB 123 4567 89.
<p class="payment">We accept Visa, Mastercard, Amex, PayPal &amp; Klarna.
</footer>
<img src="/px/t.gif?e=pv" width=1 height=1 alt="" style="display:none">
<noscript><img src="/px/ns.gif" width=1 height=1 alt=""></noscript>
<script>
(function(){{var s=document.createElement('script');s.async=1;s.src='/js/reviews-widget.js';
document.body.appendChild(s);}})();
window.addEventListener('load',function(){{navigator.sendBeacon&&navigator.sendBeacon('/px/load',String(performance.now()));}});
</script>"""


class Boilerplate:
    """The parts every page shares."""

    def __init__(self, categories):
        self.style = _style_block()
        self.scripts = _head_scripts()
        self.header = _header(_mega_menu(categories))
        self.footer = _footer()


def page(boiler, title, charset_meta, body_class, head_extra, main, close_body=True):
    end = "\n</body>\n</html>\n" if close_body else "\n"
    return (f"<!DOCTYPE html>\n<html lang=en-GB>\n<head>\n{charset_meta}\n"
            f"<title>{title}</title>\n"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"{head_extra}\n{boiler.style}\n{boiler.scripts}\n</head>\n"
            f"<body class={body_class}>\n{boiler.header}\n<main id=content>\n{main}\n</main>\n"
            f"{boiler.footer}{end}")


UTF8_META = ['<meta charset="utf-8">',
             '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">']


def product_page(boiler, product, rng, related):
    """A product page, as text (the caller encodes it in the page's charset)."""
    writer = TextWriter(rng, product.windows_1252)
    if product.windows_1252:
        charset_meta = '<meta charset="windows-1252">'
    else:
        charset_meta = UTF8_META[0] if rng.random() < 0.85 else UTF8_META[1]
    category = product.category
    price_variant = rng.randrange(2)
    json_ld = json.dumps({
        "@context": "https://schema.org", "@type": "Product", "name": product.name,
        "sku": product.sku, "brand": {"@type": "Brand", "name": product.brand},
        "offers": {"@type": "Offer", "priceCurrency": product.currency,
                   "price": f"{product.price_cents / 100:.2f}",
                   "availability": "https://schema.org/" + ("InStock" if product.in_stock else "OutOfStock")},
    }, ensure_ascii=False)
    head_extra = (f'<meta name=description content="{html.escape(product.name)} from {SITE_NAME}">\n'
                  f'<link rel=canonical href="{product.path}">\n'
                  f'<meta property="og:title" content="{html.escape(product.name)}">\n'
                  f'<script type="application/ld+json">{json_ld}</script>')

    if product.review_ratings:
        rating = product.rating
        rating_html = (f'<div class="rating" itemprop="aggregateRating" itemscope '
                       f'itemtype="https://schema.org/AggregateRating">'
                       f'<span class="stars" style="width:{int(rating * 20)}%"></span> '
                       f'<span itemprop="ratingValue">{rating}</span> out of 5 '
                       f'(<a href="#reviews"><span itemprop="reviewCount">{len(product.review_ratings)}</span> reviews</a>)</div>')
    else:
        rating_html = '<div class="rating none">No reviews yet &ndash; <a href="#write-review">be the first</a></div>'
    was = (f'<del class="was-price">{format_price(product.was_price_cents, product.currency, price_variant)}</del> '
           if product.was_price_cents else "")
    stock = ('<p class="stock in-stock">In stock &ndash; order within <b>3 hours</b> for next-day delivery'
             if product.in_stock else
             '<p class="stock out-of-stock">Out of stock. <a href="#notify">Email me when available</a>')
    description = "\n".join(f"<p>{paragraph(rng, rng.randint(40, 110))}"
                            for _ in range(rng.randint(3, 9)))  # unclosed <p>s
    specs = "".join(f"<tr><th>{label}<td>{value}" for label, value in [
        ("SKU", product.sku), ("Weight", f"{rng.randint(1, 90) / 10} kg"),
        ("Dimensions", f"{rng.randint(10, 90)} &times; {rng.randint(10, 90)} &times; {rng.randint(2, 40)} cm"),
        ("Warranty", f"{rng.choice([1, 2, 3, 5])} years"), ("Country of origin", rng.choice(["UK", "Germany", "Portugal", "China", "Vietnam"])),
    ])  # unclosed <tr>/<td>: the next <tr> and </table> close them
    reviews = "".join(
        f'<div class="review" itemprop="review" itemscope itemtype="https://schema.org/Review">'
        f'<span class="review-stars" title="{stars} out of 5">{"&#9733;" * stars}{"&#9734;" * (5 - stars)}</span>'
        f'<h4>{paragraph(rng, rng.randint(3, 7))}</h4><p class=byline>by Customer {rng.randint(100, 9999)} '
        f'&middot; verified purchase<p>{paragraph(rng, rng.randint(20, 80))}</div>'
        for stars in product.review_ratings)
    related_cards = "".join(
        f'<li class="card"><a href="{other.path}"><img src="/img/p/{other.id}.jpg" alt="" width=160 height=160 loading=lazy>'
        f'<span class="title">{html.escape(other.name, quote=False)}</span></a>'
        f'<span class="price">{format_price(other.price_cents, other.currency, 0)}</span>'
        for other in related)
    comment = ("<!-- old price block, kept for A/B test: <span class=\"now-price\">&pound;9.99</span> -->\n"
               if rng.random() < 0.3 else "")
    main = f"""<ol class="breadcrumb"><li><a href="/">Home</a>
<li><a href="/d/{category.department_slug}.html">{html.escape(category.department, quote=False)}</a>
<li><a href="{category.listing_path(1)}">{writer.write(category.name)}</a>
<li aria-current=page>{html.escape(product.name, quote=False)}
</ol>
<div class="product-main" itemscope itemtype="https://schema.org/Product">
<div class="gallery"><img src="/img/p/{product.id}.jpg" alt="{html.escape(product.name)}" width=600 height=600>
<ul class=thumbs>{"".join(f'<li><img src=/img/p/{product.id}-{i}.jpg width=80 height=80 alt="">' for i in range(1, 6))}</ul></div>
<div class="product-info">
<h1 class="product-title" itemprop="name">
  {writer.write(product.name)}
</h1>
<p class="brand">by <a class=brand-link href=/b/{slugify(product.brand)}.html itemprop=brand>{writer.write(product.brand)}</a>
<p class="sku">SKU: <span itemprop="sku">{product.sku}</span></p>
{rating_html}
{comment}<div class="price-box" itemprop="offers" itemscope itemtype="https://schema.org/Offer">
<meta itemprop="priceCurrency" content="{product.currency}">
{was}<span class="price now-price" data-currency={product.currency}>{format_price(product.price_cents, product.currency, price_variant)}</span>
<span class="vat">incl. VAT</span>
</div>
{stock}
<form class="add-to-cart" action="/cart/add" method=post><input type=hidden name=sku value="{product.sku}">
<label>Qty <input type=number name=qty value=1 min=1></label><button type=submit>Add to basket</button></form>
</div>
</div>
<section class="description"><h2>Description</h2>
{description}
<table class="specs">{specs}</table>
</section>
<section id="reviews"><h2>Customer reviews</h2>
{reviews}
</section>
<section class="related"><h2>You may also like</h2><ul class="cards">{related_cards}</ul></section>"""
    title = f"{html.escape(product.name, quote=False)} | {SITE_NAME}"
    return page(boiler, title, charset_meta, "product-page", head_extra, main,
                close_body=rng.random() < 0.7)


def listing_page(boiler, category, number, variant, variants):
    """Page `number` of a category listing; variant > 1 links products as ?v=N."""
    first = (number - 1) * PRODUCTS_PER_LISTING_PAGE
    products = category.products[first:first + PRODUCTS_PER_LISTING_PAGE]
    query = "" if variant == 1 else f"?v={variant}"
    cards = "".join(
        f'<li class="card"><a class="thumb" href="{product.path}{query}"><img src="/img/p/{product.id}.jpg" '
        f'alt="" width=240 height=240 loading=lazy></a>'
        f'<h3><a href="{product.path}{query}">{html.escape(product.name, quote=False)}</a></h3>'
        f'<span class="price">{format_price(product.price_cents, product.currency, 0)}</span>'
        for product in products)
    pages = category.listing_pages()
    pagination = ['<ul class="pagination">']
    if number > 1:
        pagination.append(f'<li><a class="prev" href="page-{number - 1}.html">&lsaquo; Previous</a>')
    pagination.append(f"<li class=current>Page {number} of {pages}")
    if number < pages:
        pagination.append(f'<li><a class="next" href="page-{number + 1}.html">Next &rsaquo;</a>')
    pagination.append("</ul>")
    views = ""
    if variants > 1 and variant == 1 and number == 1:
        views = ('<ul class="views">' + "".join(
            f'<li><a href="{category.listing_path(1, v)}">View {v}</a>' for v in range(2, variants + 1))
            + "</ul>")
    main = (f'<ol class="breadcrumb"><li><a href="/">Home</a><li><a href="/d/{category.department_slug}.html">'
            f'{html.escape(category.department, quote=False)}</a><li>{html.escape(category.name, quote=False)}</ol>\n'
            f'<h1>{html.escape(category.name, quote=False)}</h1>\n{views}\n'
            f'<ul class="product-grid">{cards}</ul>\n{"".join(pagination)}')
    return page(boiler, f"{html.escape(category.name, quote=False)} | {SITE_NAME}", UTF8_META[0],
                "listing", f'<link rel=canonical href="{category.listing_path(number, variant)}">', main)


def home_page(boiler, categories, featured):
    tiles = "".join(f'<li><a href="{c.listing_path(1)}">{html.escape(c.name, quote=False)}</a>'
                    for c in categories[::8])
    cards = "".join(f'<li class="card"><a href="{p.path}">{html.escape(p.name, quote=False)}</a>'
                    f'<span class="price">{format_price(p.price_cents, p.currency, 0)}</span>'
                    for p in featured)
    main = (f'<section class="hero"><h1>Spring sale: up to 50% off</h1></section>\n'
            f'<ul class="popular-categories">{tiles}</ul>\n<ul class="featured">{cards}</ul>')
    return page(boiler, f"{SITE_NAME} &ndash; everything for home, garden &amp; more", UTF8_META[0],
                "home", '<link rel=canonical href="/">', main)


def department_page(boiler, department, categories):
    tiles = "".join(f'<li><a href="{c.listing_path(1)}">{html.escape(c.name, quote=False)}</a>'
                    for c in categories if c.department == department)
    main = f"<h1>{html.escape(department, quote=False)}</h1>\n<ul class=tiles>{tiles}</ul>"
    return page(boiler, f"{html.escape(department, quote=False)} | {SITE_NAME}", UTF8_META[0],
                "department", "", main)
