#!/usr/bin/env python3
"""Writes the comparison benchmark's shop catalogue: a static site and its ground truth.

Usage: generate_catalogue.py OUT_DIR [--products N] [--variants K] [--seed S]

OUT_DIR/site/ is served as is (bench/nginx/serve.sh): index.html, one page per
department (/d/), paginated category listings (/c/<category>/page-<n>.html, 24
products a page) and one page per product (/p/<id>.html, 30-60 KB each). With
the defaults: 10,000 products, 160 categories, about 10,500 pages. About 5% of
product pages are encoded in windows-1252, declared only by <meta charset>.

OUT_DIR/expected.jsonl is the ground truth: one record per product page URL,
{"url": path, "sku", "name", "brand", "category", "price" (number),
"currency", "in_stock" (boolean), "rating" (number or null)}, with text as an
HTML5 parser reads it: entities decoded, whitespace collapsed, trimmed.

--variants K (K >= 2; the scaling run): each category's first listing page
also links K-1 copies of the listing, /c/<category>/v<k>/page-<n>.html, whose
product links carry ?v=<k> (nginx ignores the query, so each is the same
page under another URL): about K x N product URLs. expected.jsonl then holds
one record per distinct URL ("/p/12.html", "/p/12.html?v=2", ...).

The output depends only on the arguments: seeded random.Random, no clock,
no hash-ordered iteration. A summary line goes to stdout.
"""

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue_data import DEPARTMENTS, build_categories, build_products, expected_record, slugify  # noqa: E402
from catalogue_html import Boilerplate, department_page, home_page, listing_page, product_page  # noqa: E402

MARKER = ".gleaner-bench-catalogue"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--variants", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20261130)
    arguments = parser.parse_args()
    if arguments.products < 1 or arguments.variants < 1:
        parser.error("--products and --variants must be at least 1")
    return arguments


def prepare(out_dir):
    """Empties OUT_DIR if it is missing, empty, or an earlier output of this script."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).exists():
            sys.exit(f"generate_catalogue: {out_dir} is not empty and not a catalogue; not touching it")
        shutil.rmtree(out_dir)
    (out_dir / "site").mkdir(parents=True)
    (out_dir / MARKER).write_text("written by bench/catalogue/generate_catalogue.py\n")


class SiteWriter:
    def __init__(self, root):
        self.root = root
        self.pages = 0
        self.bytes = 0
        self.directories = set()

    def write(self, path, text, encoding="utf-8"):
        target = self.root / path.lstrip("/")
        if target.parent not in self.directories:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.directories.add(target.parent)
        data = text.encode(encoding, errors="xmlcharrefreplace")
        target.write_bytes(data)
        self.pages += 1
        self.bytes += len(data)


def main():
    arguments = parse_arguments()
    prepare(arguments.out_dir)
    data_rng = random.Random(arguments.seed)
    categories = build_categories()
    products = build_products(data_rng, arguments.products, categories)
    boiler = Boilerplate(categories)
    site = SiteWriter(arguments.out_dir / "site")

    # Each page draws from its own generator, so a page's spelling of entities
    # does not depend on how many pages came before it.
    site.write("/index.html", home_page(boiler, categories, products[:: max(1, len(products) // 12)][:12]))
    (arguments.out_dir / "site" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    for department, _ in DEPARTMENTS:
        site.write(f"/d/{slugify(department)}.html", department_page(boiler, department, categories))
    for category in categories:
        for variant in range(1, arguments.variants + 1):
            for number in range(1, category.listing_pages() + 1):
                site.write(category.listing_path(number, variant),
                           listing_page(boiler, category, number, variant, arguments.variants))
    product_pages = 0
    for product in products:
        rng = random.Random(arguments.seed * 1_000_003 + product.id)
        related = [products[rng.randrange(len(products))] for _ in range(8)]
        encoding = "windows-1252" if product.windows_1252 else "utf-8"
        site.write(product.path, product_page(boiler, product, rng, related), encoding)
        product_pages += 1

    with open(arguments.out_dir / "expected.jsonl", "w", encoding="utf-8") as expected:
        for product in products:
            for variant in range(1, arguments.variants + 1):
                url = product.path if variant == 1 else f"{product.path}?v={variant}"
                expected.write(json.dumps(expected_record(product, url), ensure_ascii=False) + "\n")

    # What a crawl from the home page fetches: home, every listing, every
    # product URL (department pages are linked, but the job does not follow them).
    listings = sum(category.listing_pages() for category in categories) * arguments.variants
    crawl_pages = 1 + listings + product_pages * arguments.variants
    windows_1252 = sum(product.windows_1252 for product in products)
    print(f"generate_catalogue: {site.pages} files, {site.bytes / 1e6:.0f} MB in {arguments.out_dir}/site; "
          f"{product_pages} products ({windows_1252} in windows-1252), {len(categories)} categories, "
          f"{arguments.variants} variant(s); a crawl fetches {crawl_pages} pages")


if __name__ == "__main__":
    main()
