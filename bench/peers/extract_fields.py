"""What both peers do with a product page's raw field text, written once.

Text is collapsed as gleaner collapses it (str.split() splits on Unicode
whitespace, NBSP included). Prices are parsed as the job's two item rules
parse them: euro prices with a decimal comma, others with a decimal point.
"""

import re

PRODUCT_PATH = re.compile(r"/p/\d+\.html")
NUMBER = re.compile(r"\d[\d.,\s]*")


def collapse(text):
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def parse_number(text, decimal_comma=False):
    if text is None:
        return None
    match = NUMBER.search(text)
    if not match:
        return None
    digits = "".join(match.group().split()).rstrip(".,")
    if decimal_comma:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None
