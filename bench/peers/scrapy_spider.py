"""The comparison benchmark's Scrapy peer: the catalogue crawl of bench/catalogue/job.json.

  scrapy runspider bench/peers/scrapy_spider.py -a start_url=http://127.0.0.1:PORT/ \
      -s FEEDS='{"out.jsonl": {"format": "jsonlines", "overwrite": true}}' [-a stats=PATH]

Same links followed, same fields, same names as the gleaner job. Settings
match the job's: 32 requests in flight (32 per domain), no delay, no
AutoThrottle, robots.txt not obeyed, no HTTP cache. Pages are decoded as
Scrapy decodes them (HTTP header, then <meta>, then detection): nothing here
special-cases windows-1252. With -a stats=PATH, writes {"pages": N} there.
"""

import json
import os
import sys

import scrapy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_fields import PRODUCT_PATH, collapse, parse_number  # noqa: E402

FOLLOW = ["nav.mega-menu a.leaf", "ul.pagination a.next", "ul.product-grid h3 a", "ul.views a"]


def text(selection):
    """All the descendant text of the first match, collapsed; None when nothing matched."""
    first = selection[:1]
    return collapse(first.xpath("string()").get()) if first else None


class CatalogueSpider(scrapy.Spider):
    name = "catalogue"
    custom_settings = {
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "DEPTH_LIMIT": 20,
        "FEED_EXPORT_ENCODING": "utf-8",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }

    def __init__(self, start_url, stats=None, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start_url]
        self.stats_path = stats

    def parse(self, response):
        for selector in FOLLOW:
            for href in response.css(selector + "::attr(href)").getall():
                yield response.follow(href, callback=self.parse)
        if PRODUCT_PATH.search(response.url):
            record = self.product(response)
            if record:
                yield record

    def product(self, response):
        info = response.css("div.product-info")
        price_element = info.css("span.now-price")
        if not price_element:
            return None
        euro = price_element.attrib.get("data-currency") == "EUR"
        sku = text(info.css("[itemprop=sku]"))
        if sku is None:
            return None
        return {
            "url": response.url,
            "sku": sku,
            "name": text(info.css("h1.product-title")),
            "brand": text(info.css("a.brand-link")),
            "category": text(response.css("ol.breadcrumb li:nth-child(3) a")),
            "price": parse_number(text(price_element), decimal_comma=euro),
            "currency": info.css("meta[itemprop=priceCurrency]::attr(content)").get(),
            "in_stock": bool(info.css("p.stock.in-stock")),
            "rating": parse_number(text(info.css("[itemprop=ratingValue]"))),
        }

    def closed(self, reason):
        if self.stats_path:
            with open(self.stats_path, "w") as out:
                json.dump({"pages": self.crawler.stats.get_value("response_received_count", 0),
                           "reason": reason}, out)
