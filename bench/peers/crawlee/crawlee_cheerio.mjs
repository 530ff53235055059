// The comparison benchmark's Crawlee peer: a CheerioCrawler doing the crawl of
// bench/catalogue/job.json (bench/compare.sh runs it).
//   node crawlee_cheerio.mjs START_URL OUT.jsonl CONCURRENCY
// Same links followed, same fields with the same selectors and value rules as
// gleaner's job and the Python peers (bench/peers/extract_fields.py), written
// as JSON Lines to OUT.jsonl. Prints {"pages": N, "failed": N} on stdout at
// the end: N responses handled, N requests given up after Crawlee's retries.
//
// Configured as a practitioner would for a fast crawl of a site they own:
// CONCURRENCY requests in flight, no delay, no robots.txt, Crawlee's default
// retries (3), no depth limit (the site is finite), no proxies, no session
// pool. Pages are decoded as Crawlee decodes them (the Content-Type charset,
// else UTF-8; it does not read <meta charset>): nothing here special-cases
// windows-1252.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { CheerioCrawler, Configuration, EnqueueStrategy, log } from 'crawlee';

const FOLLOW = ['nav.mega-menu a.leaf', 'ul.pagination a.next', 'ul.product-grid h3 a', 'ul.views a'];
const PRODUCT_PATH = /\/p\/\d+\.html/;

// Python's str.split() whitespace, which extract_fields.collapse splits on:
// JavaScript's \s lacks \x1c-\x1f and \x85 and adds \ufeff.
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACES = new RegExp(`[${SPACE}]+`, 'g');
const NUMBER = new RegExp(`\\d[\\d.,${SPACE}]*`);

function collapse(text) {
    if (text == null) return null;
    return text.replace(SPACES, ' ').trim() || null;
}

// extract_fields.parse_number: the first run of digits, separators and spaces;
// euro prices with a decimal comma, others with a decimal point.
function parseNumber(text, decimalComma = false) {
    if (text == null) return null;
    const match = NUMBER.exec(text);
    if (!match) return null;
    let digits = match[0].replace(SPACES, '').replace(/[.,]+$/, '');
    digits = decimalComma ? digits.replaceAll('.', '').replaceAll(',', '.') : digits.replaceAll(',', '');
    // Python's float() takes only plain decimals here; Number() would read "" as 0.
    return /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : null;
}

// All the descendant text of the first match, collapsed; null when nothing matched.
function text(selection) {
    return selection.length ? collapse(selection.first().text()) : null;
}

function product($, url) {
    const info = $('div.product-info');
    const price = info.find('span.now-price');
    if (!price.length) return null;
    const sku = text(info.find('[itemprop=sku]'));
    if (sku === null) return null;
    return {
        url,
        sku,
        name: text(info.find('h1.product-title')),
        brand: text(info.find('a.brand-link')),
        category: text($('ol.breadcrumb li:nth-child(3) a')),
        price: parseNumber(text(price), price.first().attr('data-currency') === 'EUR'),
        currency: info.find('meta[itemprop=priceCurrency]').first().attr('content') ?? null,
        in_stock: info.find('p.stock.in-stock').length > 0,
        rating: parseNumber(text(info.find('[itemprop=ratingValue]'))),
    };
}

async function main() {
    const [startUrl, outPath, concurrencyArgument] = process.argv.slice(2);
    const concurrency = Number(concurrencyArgument);
    if (!startUrl || !outPath || !(concurrency > 0)) {
        console.error('usage: node crawlee_cheerio.mjs START_URL OUT.jsonl CONCURRENCY');
        process.exit(2);
    }
    // Crawlee logs INFO lines (progress, statistics) to stdout, which must
    // hold only the final JSON line.
    log.setLevel(log.LEVELS.WARNING);

    const out = createWriteStream(outPath, { encoding: 'utf8' });
    let pages = 0;

    const crawler = new CheerioCrawler(
        {
            // Crawlee's AutoscaledPool starts at minConcurrency (default 1)
            // and every 10 s moves the concurrency 5% up, towards
            // maxConcurrency (default 200), while its snapshots of CPU, memory,
            // event-loop lag (over 50 ms counts as overloaded) and HTTP client
            // errors say the system is not overloaded, and 5% down when they
            // say it is. Parsing on the one event-loop thread makes it lag on
            // every busy page, so left alone it would hover near 1; min = max
            // pins it at CONCURRENCY like the other crawlers.
            minConcurrency: concurrency,
            maxConcurrency: concurrency,
            maxRequestsPerMinute: Infinity,
            sameDomainDelaySecs: 0,
            respectRobotsTxtFile: false,
            // Sessions exist to rotate identities (cookies, proxies) against
            // blocking; nothing here blocks, and without the pool there are no
            // cookie jars to keep.
            useSessionPool: false,
            persistCookiesPerSession: false,
            async requestHandler({ request, $, enqueueLinks }) {
                pages += 1;
                // One call with the four selectors joined: the union of their
                // matches. Links resolve against the page's final URL;
                // same-hostname is the default strategy, spelled out.
                await enqueueLinks({ selector: FOLLOW.join(', '), strategy: EnqueueStrategy.SameHostname });
                const url = request.loadedUrl ?? request.url;
                if (PRODUCT_PATH.test(url)) {
                    const record = product($, url);
                    // The stream buffers what the disk has not taken yet: at
                    // most the whole output (a few MB), so no backpressure wait.
                    if (record) out.write(`${JSON.stringify(record)}\n`);
                }
            },
        },
        // Storage: Crawlee keeps its request queue, statistics and key-value
        // state in @crawlee/memory-storage, which by default mirrors every
        // request and record to JSON files under ./storage. persistStorage:
        // false keeps it all in memory (nothing written to disk), and the
        // records go to OUT.jsonl through our own stream, not a Dataset.
        new Configuration({ persistStorage: false }),
    );

    const stats = await crawler.run([startUrl]);
    out.end();
    await once(out, 'finish');
    console.log(JSON.stringify({ pages, failed: stats.requestsFailed }));
}

await main();
