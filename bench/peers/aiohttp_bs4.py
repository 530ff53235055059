#!/usr/bin/env python3
"""The comparison benchmark's asyncio peer: aiohttp fetches, BeautifulSoup extracts.

Usage: aiohttp_bs4.py START_URL OUT.jsonl CONCURRENCY [--parser lxml|html.parser]

The crawl of bench/catalogue/job.json, written the way a small hand-made
scraper is: a frontier queue with a seen set, CONCURRENCY worker tasks on one
keep-alive session, parsing on the event loop's thread. Same links followed,
same fields and names as the gleaner job. Bodies go to BeautifulSoup as
bytes, so it decodes them itself (its <meta charset> sniffing, then
detection): nothing here special-cases windows-1252. Prints {"pages": N,
"errors": N} on stdout at the end.
"""

import argparse
import asyncio
import json
import os
import sys
from urllib.parse import urldefrag, urljoin, urlsplit

import aiohttp
from bs4 import BeautifulSoup

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_fields import PRODUCT_PATH, collapse, parse_number  # noqa: E402

FOLLOW = ["nav.mega-menu a.leaf", "ul.pagination a.next", "ul.product-grid h3 a", "ul.views a"]


def text(element):
    return collapse(element.get_text()) if element is not None else None


def product(soup, url):
    info = soup.select_one("div.product-info")
    price = info.select_one("span.now-price") if info is not None else None
    if price is None:
        return None
    sku = text(info.select_one("[itemprop=sku]"))
    if sku is None:
        return None
    currency = info.select_one("meta[itemprop=priceCurrency]")
    return {
        "url": url,
        "sku": sku,
        "name": text(info.select_one("h1.product-title")),
        "brand": text(info.select_one("a.brand-link")),
        "category": text(soup.select_one("ol.breadcrumb li:nth-child(3) a")),
        "price": parse_number(text(price), decimal_comma=price.get("data-currency") == "EUR"),
        "currency": currency.get("content") if currency is not None else None,
        "in_stock": info.select_one("p.stock.in-stock") is not None,
        "rating": parse_number(text(info.select_one("[itemprop=ratingValue]"))),
    }


class Crawl:
    def __init__(self, start_url, out, parser):
        self.host = urlsplit(start_url).netloc
        self.queue = asyncio.Queue()
        self.seen = {start_url}
        self.queue.put_nowait(start_url)
        self.out = out
        self.parser = parser
        self.pages = 0
        self.errors = 0

    def handle(self, url, body):
        soup = BeautifulSoup(body, self.parser)
        for selector in FOLLOW:
            for link in soup.select(selector):
                href = link.get("href")
                if not href:
                    continue
                target = urldefrag(urljoin(url, href))[0]
                if urlsplit(target).netloc == self.host and target not in self.seen:
                    self.seen.add(target)
                    self.queue.put_nowait(target)
        if PRODUCT_PATH.search(url):
            record = product(soup, url)
            if record:
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    async def worker(self, session):
        while True:
            url = await self.queue.get()
            try:
                async with session.get(url) as response:
                    body = await response.read()
                    if response.status != 200:
                        self.errors += 1
                        continue
                self.pages += 1
                self.handle(url, body)
            except aiohttp.ClientError as error:
                self.errors += 1
                print(f"aiohttp_bs4: {url}: {error}", file=sys.stderr)
            finally:
                self.queue.task_done()

    async def run(self, concurrency):
        connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            workers = [asyncio.create_task(self.worker(session)) for _ in range(concurrency)]
            await self.queue.join()
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("start_url")
    parser.add_argument("out")
    parser.add_argument("concurrency", type=int)
    parser.add_argument("--parser", choices=["lxml", "html.parser"], default="lxml")
    arguments = parser.parse_args()
    with open(arguments.out, "w", encoding="utf-8") as out:
        crawl = Crawl(arguments.start_url, out, arguments.parser)
        asyncio.run(crawl.run(arguments.concurrency))
    print(json.dumps({"pages": crawl.pages, "errors": crawl.errors}))


if __name__ == "__main__":
    main()
