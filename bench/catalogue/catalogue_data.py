"""The shop behind the benchmark site: departments, leaf categories, products.

Pure data, no HTML: every value here is the text a reader of the page sees,
so the ground truth is taken straight from it. All randomness comes from the
random.Random passed in, so a seed gives the same shop on every machine.
"""

import re
from dataclasses import dataclass, field

# Departments and the words their leaf categories are made of: each leaf is
# "<qualifier> <noun>", 2 x 5 = 10 leaves per department, 160 in all. A few
# names hold "&" or non-ASCII letters, which the pages write as entities.
DEPARTMENTS = [
    ("Kitchen & Dining", ["Cookware", "Knives", "Cafetières", "Bakeware", "Utensils"]),
    ("Home & Garden", ["Planters", "Lighting", "Outdoor Décor", "Rugs", "Hoses"]),
    ("Electronics", ["Headphones", "Speakers", "Chargers", "Cables", "Cameras"]),
    ("Computers", ["Keyboards", "Monitors", "Mice", "Docks", "Storage"]),
    ("Sports & Outdoors", ["Tents", "Backpacks", "Bicycles", "Yoga Mats", "Skis"]),
    ("Toys & Games", ["Puzzles", "Board Games", "Dolls", "Building Sets", "Kites"]),
    ("Beauty", ["Fragrances", "Skincare", "Hair Dryers", "Brushes", "Soaps"]),
    ("Health", ["Vitamins", "Scales", "Thermometers", "First Aid", "Massagers"]),
    ("Office", ["Notebooks", "Pens", "Desk Lamps", "Chairs", "Shredders"]),
    ("Pet Supplies", ["Dog Beds", "Cat Trees", "Leashes", "Aquariums", "Feeders"]),
    ("Baby", ["Prams", "Cots", "Bottles", "Carriers", "Monitors"]),
    ("Automotive", ["Dash Cams", "Car Seats", "Jump Starters", "Tyre Pumps", "Polish"]),
    ("Tools & DIY", ["Drills", "Saws", "Ladders", "Toolboxes", "Sanders"]),
    ("Books", ["Cookbooks", "Children’s Books", "Atlases", "Novels", "Comics"]),
    ("Music", ["Guitars", "Ukuleles", "Keyboards", "Drums", "Microphones"]),
    ("Clothing", ["Jackets", "Knitwear", "Boots", "Scarves", "Raincoats"]),
]
QUALIFIERS = ["Everyday", "Professional"]

# Brands: the first list is ASCII, the second is not. Pages encoded in
# windows-1252 always take a brand from the second, so a page decoded with
# the wrong charset shows it in its fields.
ASCII_BRANDS = [
    "Acme", "Nordvik", "Kessler", "Zephyr", "Tundra", "Pinewood", "Vireo",
    "Atlas Pro", "Ironbark", "Harlow & Finch", "Bluewater", "Quill", "Redfern",
    "Summit", "Orchard Lane", "Marlow", "Copperline", "Fable & Co", "Granite",
    "Wren",
]
ACCENTED_BRANDS = [
    "Bräunhaus", "Café Noir", "Lumière & Fils", "O’Brien Outdoor", "Solé",
    "Hoffmann & Söhne", "Maison Crème", "Señorita", "Fjällbacka", "Müller",
    "Délice", "Ærø Design",
]

ADJECTIVES = [
    "Compact", "Deluxe", "Classic", "Ultra-Light", "Heavy-Duty", "Smart",
    "Vintage", "Eco", "Portable", "Premium", "Mini", "Signature", "Crème",
    "Naïve", "Rustic",
]
FINISHES = [
    "Black", "Stainless Steel", "Oak & Walnut", "Matte White", "Rosé Gold",
    "Slate Grey", "Forest Green", "Crimson", "Ivory & Brass", "Midnight Blue",
]
SPECS = ['12"', "500 ml", "1.5 kW", "Set of 6", "2-Pack", "XL", "42 cm", "1 TB",
         "10,000 mAh", "Size 9", "3-in-1", "25 L"]

CURRENCIES = [("GBP", 0.6), ("EUR", 0.3), ("USD", 0.1)]
PRODUCTS_PER_LISTING_PAGE = 24


@dataclass
class Category:
    department: str
    name: str
    slug: str
    department_slug: str
    products: list = field(default_factory=list)

    def listing_path(self, page, variant=1):
        """Listing page `page` (1-based); variant 1 is the plain listing."""
        if variant == 1:
            return f"/c/{self.slug}/page-{page}.html"
        return f"/c/{self.slug}/v{variant}/page-{page}.html"

    def listing_pages(self):
        return max(1, -(-len(self.products) // PRODUCTS_PER_LISTING_PAGE))


@dataclass
class Product:
    id: int
    sku: str
    name: str
    brand: str
    category: Category
    price_cents: int
    was_price_cents: int  # 0: not on sale
    currency: str
    in_stock: bool
    review_ratings: list  # each 1..5; empty: no reviews yet
    windows_1252: bool

    @property
    def path(self):
        return f"/p/{self.id}.html"

    @property
    def rating(self):
        """The average shown on the page, one decimal; None without reviews."""
        if not self.review_ratings:
            return None
        return round(sum(self.review_ratings) / len(self.review_ratings), 1)


def slugify(text):
    ascii_text = text.translate(str.maketrans("äéèöüñæøåÆÉ’", "aeeounaoaAE'"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build_categories():
    categories = []
    for department, nouns in DEPARTMENTS:
        for noun in nouns:
            for qualifier in QUALIFIERS:
                name = f"{qualifier} {noun}"
                categories.append(Category(department, name, slugify(f"{department} {name}"),
                                           slugify(department)))
    return categories


def pick_weighted(rng, choices):
    roll = rng.random()
    for value, weight in choices:
        roll -= weight
        if roll < 0:
            return value
    return choices[-1][0]


def product_name(rng, brand, noun):
    parts = [brand, rng.choice(ADJECTIVES), noun.rstrip("s") if rng.random() < 0.5 else noun]
    if rng.random() < 0.6:
        parts.append(rng.choice(SPECS))
    name = " ".join(parts)
    if rng.random() < 0.5:
        name += " – " + rng.choice(FINISHES)
    return name


def build_products(rng, count, categories, windows_1252_share=0.05):
    """`count` products spread unevenly over the categories (ids from 1)."""
    # Uneven category sizes: each gets a random weight, so listings run to
    # one to six pages.
    weights = [rng.uniform(0.3, 1.7) for _ in categories]
    total = sum(weights)
    products = []
    for product_id in range(1, count + 1):
        roll = rng.random() * total
        index = 0
        while roll >= weights[index] and index < len(weights) - 1:
            roll -= weights[index]
            index += 1
        category = categories[index]
        windows_1252 = rng.random() < windows_1252_share
        brands = ACCENTED_BRANDS if windows_1252 or rng.random() < 0.3 else ASCII_BRANDS
        brand = rng.choice(brands)
        noun = category.name.split(" ", 1)[1]
        currency = pick_weighted(rng, CURRENCIES)
        # Prices from 4.99 to 2,499.00, with a long tail above 1,000 so that
        # digit groups show up often.
        price_cents = int(rng.lognormvariate(8.6, 1.2))
        price_cents = min(max(price_cents, 499), 249900)
        price_cents = price_cents - price_cents % 100 + rng.choice([0, 0, 49, 95, 99])
        was_price_cents = price_cents * rng.choice([5, 4]) // 3 if rng.random() < 0.2 else 0
        reviews = [] if rng.random() < 0.15 else [
            pick_weighted(rng, [(5, 0.45), (4, 0.3), (3, 0.12), (2, 0.06), (1, 0.07)])
            for _ in range(rng.randint(1, 12))]
        product = Product(
            id=product_id,
            sku=f"GM-{rng.randrange(10**6):06d}-{rng.choice('ABCDEFGHJK')}",
            name=product_name(rng, brand, noun),
            brand=brand,
            category=category,
            price_cents=price_cents,
            was_price_cents=was_price_cents,
            currency=currency,
            in_stock=rng.random() < 0.8,
            review_ratings=reviews,
            windows_1252=windows_1252,
        )
        category.products.append(product)
        products.append(product)
    return products


def expected_record(product, url):
    """The record a correct scraper writes for `product` fetched at `url` (a path)."""
    return {
        "url": url,
        "sku": product.sku,
        "name": product.name,
        "brand": product.brand,
        "category": product.category.name,
        "price": product.price_cents / 100,
        "currency": product.currency,
        "in_stock": product.in_stock,
        "rating": product.rating,
    }
