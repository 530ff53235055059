#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crawl/sitemap_parser.hpp"
#include "support/gzip.hpp"

using gleaner::Result;
using gleaner::crawl::SitemapEntry;
using gleaner::crawl::SitemapKind;
using gleaner::crawl::SitemapLimits;
using gleaner::crawl::SitemapParser;

namespace {

constexpr std::time_t jan_2_2024 = 1704153600;  // 2024-01-02T00:00:00Z

struct Parsed {
  std::vector<SitemapEntry> entries;
  std::vector<SitemapKind> kinds;  // as passed to on_entry, one per entry
  SitemapKind kind = SitemapKind::unknown;
  std::size_t skipped = 0;
  std::optional<std::string> error;  // the message, if feed() or finish() failed
};

// Feeds `body` in chunks of `chunk` bytes (0: whole), then finishes.
Parsed parse(std::string_view body, std::size_t chunk = 0, SitemapLimits limits = {}) {
  Parsed parsed;
  SitemapParser parser(
      [&](SitemapKind kind, SitemapEntry entry) {
        parsed.kinds.push_back(kind);
        parsed.entries.push_back(std::move(entry));
      },
      limits);
  if (chunk == 0) chunk = std::max<std::size_t>(body.size(), 1);
  Result<void> result;
  for (std::size_t at = 0; at < body.size() && result; at += chunk) result = parser.feed(body.substr(at, chunk));
  if (result) result = parser.finish();
  if (!result) parsed.error = result.error().message;
  parsed.kind = parser.kind();
  parsed.skipped = parser.skipped();
  CHECK(parser.entries() == parsed.entries.size());
  return parsed;
}

std::vector<std::string> locs(const Parsed& parsed) {
  std::vector<std::string> out;
  for (const auto& entry : parsed.entries) out.push_back(entry.loc);
  return out;
}

using gleaner::testing::gzip;

// gzip of prefix + `repeat` copies of `filler` + suffix, without holding it uncompressed.
std::string gzip_repeated(std::string_view prefix, char filler, std::size_t repeat, std::string_view suffix) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out;
  std::vector<unsigned char> buffer(64 * 1024);
  const std::string block(1024 * 1024, filler);
  auto pump = [&](std::string_view input, int flush) {
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    do {
      stream.next_out = buffer.data();
      stream.avail_out = static_cast<uInt>(buffer.size());
      deflate(&stream, flush);
      out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    } while (stream.avail_out == 0);
  };
  pump(prefix, Z_NO_FLUSH);
  for (std::size_t left = repeat; left > 0;) {
    const std::size_t n = std::min(left, block.size());
    pump(std::string_view(block).substr(0, n), Z_NO_FLUSH);
    left -= n;
  }
  pump(suffix, Z_FINISH);
  deflateEnd(&stream);
  return out;
}

constexpr std::string_view urlset_body =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "  <url>\n"
    "    <loc>https://shop.test/</loc>\n"
    "    <lastmod>2024-01-02</lastmod>\n"
    "    <changefreq>daily</changefreq>\n"
    "    <priority>1.0</priority>\n"
    "  </url>\n"
    "  <url><loc>https://shop.test/p/1</loc><lastmod>2024-01-02T10:20:30+02:00</lastmod></url>\n"
    "  <url><loc>https://shop.test/p/2</loc></url>\n"
    "  <url><loc>https://shop.test/p/3</loc><lastmod>last tuesday</lastmod></url>\n"
    "</urlset>\n";

const std::vector<std::string> urlset_locs = {
    "https://shop.test/", "https://shop.test/p/1", "https://shop.test/p/2", "https://shop.test/p/3"};

std::string many_urls(std::size_t count) {
  std::string body = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (std::size_t i = 0; i < count; ++i) body += "<url><loc>https://a.test/" + std::to_string(i) + "</loc></url>\n";
  return body + "</urlset>\n";
}

// Each case's body fails with exactly its message, fed whole and byte by
// byte: where the parser stops must not depend on how the body arrives.
template <typename Cases>
void check_errors(const Cases& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.note);
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}}) {
      const Parsed parsed = parse(c.body, chunk);
      REQUIRE(parsed.error);
      CHECK(*parsed.error == std::string(c.message));
    }
  }
}

}  // namespace

TEST_CASE("sitemap urlset gives each url's loc and lastmod, in order") {
  const Parsed parsed = parse(urlset_body);
  REQUIRE_FALSE(parsed.error);
  CHECK(parsed.kind == SitemapKind::urlset);
  CHECK(locs(parsed) == urlset_locs);
  CHECK(parsed.kinds == std::vector<SitemapKind>(4, SitemapKind::urlset));
  CHECK(parsed.entries[0].lastmod == jan_2_2024);
  CHECK(parsed.entries[1].lastmod == jan_2_2024 + 37230 - 7200);
  CHECK(parsed.entries[2].lastmod == std::nullopt);
  CHECK(parsed.entries[3].lastmod == std::nullopt);  // unreadable: treated as absent
}

TEST_CASE("sitemap index lists the sitemaps it points to") {
  const Parsed parsed = parse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
      "  <sitemap><loc>https://shop.test/sitemap-1.xml.gz</loc><lastmod>2024-01-02T00:00:00Z</lastmod></sitemap>\n"
      "  <sitemap><loc>https://shop.test/sitemap-2.xml</loc></sitemap>\n"
      "  <url><loc>https://shop.test/not-an-entry-of-an-index</loc></url>\n"
      "</sitemapindex>\n");
  REQUIRE_FALSE(parsed.error);
  CHECK(parsed.kind == SitemapKind::sitemapindex);
  CHECK(locs(parsed) == std::vector<std::string>{"https://shop.test/sitemap-1.xml.gz", "https://shop.test/sitemap-2.xml"});
  CHECK(parsed.kinds == std::vector<SitemapKind>(2, SitemapKind::sitemapindex));
  CHECK(parsed.entries[0].lastmod == jan_2_2024);
}

TEST_CASE("sitemap without a namespace, or with the https spelling of it, is read the same") {
  const char* bodies[] = {
      "<urlset><url><loc>https://a.test/1</loc><lastmod>2024-01-02</lastmod></url></urlset>",
      "<urlset xmlns=\"https://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://a.test/1</loc>"
      "<lastmod>2024-01-02</lastmod></url></urlset>",
      "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sm:url><sm:loc>https://a.test/1</sm:loc>"
      "<sm:lastmod>2024-01-02</sm:lastmod></sm:url></sm:urlset>",
  };
  for (const char* body : bodies) {
    CAPTURE(body);
    const Parsed parsed = parse(body);
    REQUIRE_FALSE(parsed.error);
    CHECK(parsed.kind == SitemapKind::urlset);
    CHECK(locs(parsed) == std::vector<std::string>{"https://a.test/1"});
    CHECK(parsed.entries[0].lastmod == jan_2_2024);
  }
}

TEST_CASE("sitemap elements from other namespaces are ignored with their text") {
  const Parsed parsed = parse(
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
      "        xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"\n"
      "        xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"\n"
      "        xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"\n"
      "        xmlns:other=\"urn:other\">\n"
      "  <url>\n"
      "    <loc>https://a.test/page</loc>\n"
      "    <image:image><image:loc>https://a.test/photo.jpg</image:loc></image:image>\n"
      "    <news:news><news:title>Headline</news:title><news:publication_date>1999-01-01</news:publication_date></news:news>\n"
      "    <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://a.test/de/page\"/>\n"
      "    <other:lastmod>1999-01-01</other:lastmod>\n"
      "  </url>\n"
      "  <other:url><loc>https://a.test/foreign-url</loc></other:url>\n"
      "  <url><other:loc>https://a.test/foreign-loc</other:loc></url>\n"
      "  <url><loc>https://a.test/<other:b>ignored</other:b>split</loc></url>\n"
      "</urlset>\n");
  REQUIRE_FALSE(parsed.error);
  CHECK(locs(parsed) == std::vector<std::string>{"https://a.test/page", "https://a.test/split"});
  CHECK(parsed.entries[0].lastmod == std::nullopt);
  CHECK(parsed.skipped == 1);  // the <url> whose only <loc> is foreign
}

TEST_CASE("sitemap loc is trimmed and its entities decoded") {
  struct Case {
    const char* note;
    const char* loc_xml;
    const char* expected;
  };
  const Case cases[] = {
      {"surrounding whitespace and newlines", "\n    https://a.test/p?q=1\n  ", "https://a.test/p?q=1"},
      {"tabs and CR LF", "\t\r\nhttps://a.test/\t\r\n", "https://a.test/"},
      {"&amp; as sitemaps.org requires", "https://a.test/?a=1&amp;b=2", "https://a.test/?a=1&b=2"},
      {"all five predefined entities", "https://a.test/&lt;&gt;&quot;&apos;&amp;", "https://a.test/<>\"'&"},
      {"character references", "https://a.test/&#x41;&#66;", "https://a.test/AB"},
      {"CDATA", "<![CDATA[ https://a.test/?a=1&b=2 ]]>", "https://a.test/?a=1&b=2"},
      {"UTF-8 is kept as is", "https://a.test/caf\xC3\xA9", "https://a.test/caf\xC3\xA9"},
      {"inner whitespace is kept", "https://a.test/a b", "https://a.test/a b"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.note);
    const std::string body = std::string("<urlset><url><loc>") + c.loc_xml + "</loc></url></urlset>";
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}}) {
      const Parsed parsed = parse(body, chunk);
      REQUIRE_FALSE(parsed.error);
      CHECK(locs(parsed) == std::vector<std::string>{c.expected});
    }
  }
}

TEST_CASE("sitemap entries without a usable loc are skipped and counted") {
  const Parsed parsed = parse(
      "<urlset>\n"
      "  <url><lastmod>2024-01-02</lastmod></url>\n"
      "  <url><loc>   </loc></url>\n"
      "  <url><loc>https://a.test/first</loc><loc>https://a.test/second</loc></url>\n"
      "  <url><loc>" + std::string(9000, 'x') + "</loc></url>\n"
      "  <url><loc>https://a.test/" + std::string(8100, 'y') + "  \n  </loc></url>\n"
      "</urlset>\n",
      1000);
  REQUIRE_FALSE(parsed.error);
  REQUIRE(parsed.entries.size() == 2);
  CHECK(parsed.entries[0].loc == "https://a.test/first");
  CHECK(parsed.entries[1].loc == "https://a.test/" + std::string(8100, 'y'));
  CHECK(parsed.skipped == 3);
}

TEST_CASE("sitemap gives the same entries whatever the chunk size, gzip or not") {
  const std::string compressed = gzip(urlset_body);
  REQUIRE(static_cast<unsigned char>(compressed[0]) == 0x1f);
  for (const std::size_t chunk : {0, 1, 2, 3, 7, 64, 4096}) {
    CAPTURE(chunk);
    for (const bool zipped : {false, true}) {
      CAPTURE(zipped);
      const Parsed parsed = parse(zipped ? std::string_view(compressed) : urlset_body, chunk);
      REQUIRE_FALSE(parsed.error);
      CHECK(locs(parsed) == urlset_locs);
      CHECK(parsed.entries[1].lastmod == jan_2_2024 + 37230 - 7200);
    }
  }
}

TEST_CASE("sitemap in gzip is read across many entries and several gzip members") {
  const std::string body = many_urls(3000);
  const Parsed whole = parse(gzip(body), 997);
  REQUIRE_FALSE(whole.error);
  CHECK(whole.entries.size() == 3000);
  CHECK(whole.entries.back().loc == "https://a.test/2999");

  // RFC 1952 §2.2: members are concatenated, as `cat a.gz b.gz` makes.
  const std::size_t half = body.size() / 2;
  const std::string members = gzip(body.substr(0, half)) + gzip(body.substr(half));
  for (const std::size_t chunk : {0, 1, 4096}) {
    const Parsed parsed = parse(members, chunk);
    REQUIRE_FALSE(parsed.error);
    CHECK(parsed.entries.size() == 3000);
  }
}

TEST_CASE("sitemap that is malformed XML fails with the line and column") {
  struct Case {
    const char* note;
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {"mismatched tag", "<urlset>\n  <url>\n    <loc>https://a.test/</lc>\n  </url>\n</urlset>\n",
       "sitemap line 3, column 27: mismatched tag"},
      {"a bare & (sitemaps.org requires &amp;)", "<urlset>\n<url><loc>https://a.test/?a=1&b=2</loc></url>\n</urlset>\n",
       "sitemap line 2, column 32: not well-formed (invalid token)"},
      {"an HTML entity", "<urlset>\n<url><loc>https://a.test/&nbsp;</loc></url>\n</urlset>\n",
       "sitemap line 2, column 26: undefined entity"},
      {"unbound prefix", "<urlset>\n\n<x:url/></urlset>", "sitemap line 3, column 1: unbound prefix"},
      {"text after the root", "<urlset></urlset>\n<urlset>", "sitemap line 2, column 1: junk after document element"},
      {"an HTML doctype", "<!doctype html>\n<html><body><p>Not found</p></body></html>",
       "sitemap line 1, column 1: syntax error"},
  };
  check_errors(cases);
}

TEST_CASE("sitemap root must be urlset or sitemapindex in the sitemaps namespace") {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {"<html><body><p>Not found</p></body></html>",
       "sitemap line 1, column 1: expected <urlset> or <sitemapindex> as the root element, found <html>"},
      {"<rss version=\"2.0\"><channel/></rss>",
       "sitemap line 1, column 1: expected <urlset> or <sitemapindex> as the root element, found <rss>"},
      {"<?xml version=\"1.0\"?>\n<urlset xmlns=\"urn:x\"><url><loc>https://a.test/</loc></url></urlset>",
       "sitemap line 2, column 1: expected <urlset> or <sitemapindex> as the root element, found <urlset> in "
       "namespace \"urn:x\""},
  };
  for (const auto& c : cases) {
    const Parsed parsed = parse(c.body);
    REQUIRE(parsed.error);
    CHECK(*parsed.error == std::string(c.message));
    CHECK(parsed.entries.empty());
    CHECK(parsed.kind == SitemapKind::unknown);
  }
}

TEST_CASE("sitemap cut short is caught by finish, plain or gzip") {
  struct Case {
    const char* note;
    std::string body;
    const char* message;
  };
  const std::string xml(urlset_body);
  const std::string compressed = gzip(urlset_body);
  const Case cases[] = {
      {"empty body", "", "sitemap line 1, column 1: no element found, expected <urlset> or <sitemapindex>"},
      {"whitespace only", "  \n", "sitemap line 2, column 1: no element found, expected <urlset> or <sitemapindex>"},
      {"one byte", "<", "sitemap line 1, column 1: document ends early (unclosed token), truncated download?"},
      {"cut inside an element", xml.substr(0, xml.find("</url>")),
       "sitemap line 8, column 3: document ends early (no element found), truncated download?"},
      {"cut inside a tag", xml.substr(0, xml.find("</urlset>") + 3),
       "sitemap line 12, column 1: document ends early (unclosed token), truncated download?"},
      {"gzip cut short", compressed.substr(0, compressed.size() - 20),
       "sitemap line 11, column 55: gzip stream ends early, truncated download?"},
      {"gzip without its trailer", compressed.substr(0, compressed.size() - 4),
       "sitemap line 13, column 1: gzip stream ends early, truncated download?"},
  };
  check_errors(cases);
}

TEST_CASE("sitemap with corrupt gzip data fails") {
  std::string compressed = gzip(urlset_body);
  compressed[compressed.size() / 2] = static_cast<char>(compressed[compressed.size() / 2] ^ 0x55);
  const Parsed parsed = parse(compressed);
  REQUIRE(parsed.error);
  CHECK(parsed.error->find("corrupt gzip data") != std::string::npos);
}

TEST_CASE("sitemap over the entry limit fails after delivering the entries before it") {
  SUBCASE("the sitemaps.org default of 50,000") {
    const Parsed parsed = parse(many_urls(50'001), 64 * 1024);
    REQUIRE(parsed.error);
    CHECK(*parsed.error ==
          "sitemap line 50002, column 37: more than 50000 entries; sitemaps.org allows 50,000 per file");
    CHECK(parsed.entries.size() == 50'000);
    CHECK(parsed.entries.back().loc == "https://a.test/49999");
  }
  SUBCASE("exactly at the limit is fine") {
    const Parsed parsed = parse(many_urls(3), 0, SitemapLimits{.max_entries = 3});
    CHECK_FALSE(parsed.error);
    CHECK(parsed.entries.size() == 3);
  }
  SUBCASE("a smaller limit, fed byte by byte") {
    const Parsed parsed = parse(many_urls(10), 1, SitemapLimits{.max_entries = 3});
    REQUIRE(parsed.error);
    CHECK(*parsed.error == "sitemap line 5, column 33: more than 3 entries; sitemaps.org allows 50,000 per file");
    CHECK(locs(parsed) == std::vector<std::string>{"https://a.test/0", "https://a.test/1", "https://a.test/2"});
  }
}

TEST_CASE("sitemap gzip bomb stops at the size limit without being inflated whole") {
  // 100 MB of spaces inside a urlset: about 100 KB compressed.
  const std::string head = "<urlset><url><loc>https://a.test/before</loc></url>";
  const std::string bomb = gzip_repeated(head, ' ', 100 * 1024 * 1024, "</urlset>");
  REQUIRE(bomb.size() < 1024 * 1024);

  std::size_t delivered = 0;
  SitemapParser parser([&](SitemapKind, SitemapEntry) { ++delivered; });
  std::size_t fed = 0;
  Result<void> result;
  const auto started = std::chrono::steady_clock::now();
  for (; fed < bomb.size() && result; fed += 4096) result = parser.feed(std::string_view(bomb).substr(fed, 4096));
  const auto elapsed = std::chrono::steady_clock::now() - started;

  REQUIRE_FALSE(result);
  CHECK(result.error().message ==
        "sitemap line 1, column 52494337: document larger than 52494336 bytes (uncompressed); sitemaps.org allows "
        "50 MB");
  CHECK(delivered == 1);
  // It stopped about halfway through the input: the rest was never inflated.
  CHECK(fed < bomb.size() * 3 / 4);
  CHECK(elapsed < std::chrono::seconds(20));
  CHECK_FALSE(parser.finish());  // the error is final
}

TEST_CASE("sitemap size limit applies to plain bodies too") {
  const std::string body = many_urls(100);
  const Parsed parsed = parse(body, 7, SitemapLimits{.max_bytes = 1000});
  REQUIRE(parsed.error);
  CHECK(parsed.error->find("document larger than 1000 bytes (uncompressed)") != std::string::npos);
  CHECK(parsed.entries.size() == 23);  // those wholly inside the first 1000 bytes

  const Parsed exact = parse(body, 7, SitemapLimits{.max_bytes = body.size()});
  CHECK_FALSE(exact.error);
}

TEST_CASE("sitemap with entity declarations is refused: billion laughs and XXE") {
  struct Case {
    const char* note;
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {"billion laughs",
       "<?xml version=\"1.0\"?>\n"
       "<!DOCTYPE urlset [\n"
       " <!ENTITY lol \"lol\">\n"
       " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
       " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
       " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
       " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
       " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
       " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
       " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
       " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
       " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
       "]>\n"
       "<urlset><url><loc>https://a.test/&lol9;</loc></url></urlset>\n",
       "sitemap line 3, column 15: the DTD declares an entity; sitemaps may not (XXE and billion-laughs guard)"},
      {"external entity (XXE)",
       "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
       "<urlset><url><loc>&xxe;</loc></url></urlset>",
       "sitemap line 1, column 59: the DTD declares an entity; sitemaps may not (XXE and billion-laughs guard)"},
      {"parameter entity",
       "<!DOCTYPE urlset [<!ENTITY % p SYSTEM \"http://evil.test/x.dtd\"> %p;]>\n<urlset/>",
       "sitemap line 1, column 63: the DTD declares an entity; sitemaps may not (XXE and billion-laughs guard)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.note);
    const auto started = std::chrono::steady_clock::now();
    const Parsed parsed = parse(c.body, 5);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    REQUIRE(parsed.error);
    CHECK(*parsed.error == std::string(c.message));
    CHECK(parsed.entries.empty());
  }
}

TEST_CASE("sitemap with a DOCTYPE that declares no entity, or only loads an external one, is read") {
  const char* bodies[] = {
      "<!DOCTYPE urlset>\n<urlset><url><loc>https://a.test/</loc></url></urlset>",
      "<!DOCTYPE urlset SYSTEM \"http://evil.test/sitemap.dtd\">\n<urlset><url><loc>https://a.test/</loc></url></urlset>",
  };
  for (const char* body : bodies) {
    CAPTURE(body);
    const Parsed parsed = parse(body);
    REQUIRE_FALSE(parsed.error);
    CHECK(locs(parsed) == std::vector<std::string>{"https://a.test/"});
  }
}

TEST_CASE("sitemap parser keeps its first error and refuses input after finish") {
  SitemapParser failed([](SitemapKind, SitemapEntry) {});
  const Result<void> first = failed.feed("<urlset></url>");
  REQUIRE_FALSE(first);
  const Result<void> again = failed.feed("<url/>");
  REQUIRE_FALSE(again);
  CHECK(again.error().message == first.error().message);
  CHECK_FALSE(failed.finish());

  SitemapParser done([](SitemapKind, SitemapEntry) {});
  REQUIRE(done.feed("<urlset/>"));
  REQUIRE(done.finish());
  CHECK(done.finish());
  const Result<void> late = done.feed("<");
  REQUIRE_FALSE(late);
  CHECK(late.error().message == "sitemap: feed() called after finish()");
}

TEST_CASE("sitemap entry callback that throws propagates out of feed and fails the parser") {
  int calls = 0;
  SitemapParser parser([&](SitemapKind, SitemapEntry) {
    ++calls;
    throw std::runtime_error("queue closed");
  });
  CHECK_THROWS_WITH_AS((void)parser.feed(many_urls(3)), "queue closed", std::runtime_error);
  CHECK(calls == 1);
  CHECK_FALSE(parser.feed("more"));
}

TEST_CASE("sitemap parser survives random and mutated bytes fed in random chunks") {
  std::mt19937 random(20240102);
  auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  const std::string seed = std::string(urlset_body) +
                           "<!-- --><urlset xmlns:image=\"urn:i\"><url><loc><![CDATA[x]]>&amp;&#65;</loc>"
                           "<image:image><image:loc>y</image:loc></image:image></url></urlset>";
  const std::string zipped_seed = gzip(urlset_body);

  auto mutate = [&](std::string text) {
    for (std::size_t edits = 1 + below(8); edits > 0 && !text.empty(); --edits) {
      const std::size_t at = below(text.size());
      switch (below(5)) {
        case 0: text[at] = static_cast<char>(below(256)); break;
        case 1: text.erase(at, 1 + below(16)); break;
        case 2: text.insert(at, std::string(1 + below(8), static_cast<char>(below(256)))); break;
        case 3: text.insert(at, text.substr(below(text.size()), below(64))); break;
        default: text.resize(at); break;
      }
    }
    return text;
  };

  std::size_t failures = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    switch (round % 5) {
      case 0: {
        input.resize(below(512));
        for (char& c : input) c = static_cast<char>(below(256));
        break;
      }
      case 1: input = mutate(seed); break;
      case 2: input = gzip(mutate(seed)); break;
      case 3: input = mutate(zipped_seed); break;
      default: input = "\x1f\x8b" + mutate(seed); break;
    }
    const SitemapLimits limits{.max_bytes = 1 + below(4096), .max_entries = 1 + below(6), .max_loc_bytes = 1 + below(64)};
    std::size_t calls = 0;
    SitemapParser parser([&](SitemapKind kind, SitemapEntry entry) {
      ++calls;
      CHECK(kind != SitemapKind::unknown);
      CHECK_FALSE(entry.loc.empty());
      CHECK(entry.loc.size() <= limits.max_loc_bytes);
    }, limits);
    Result<void> result;
    for (std::size_t at = 0; at < input.size() && result;) {
      const std::size_t chunk = 1 + below(64);
      result = parser.feed(std::string_view(input).substr(at, chunk));
      at += chunk;
    }
    if (result) result = parser.finish();
    if (!result) {
      ++failures;
      CHECK_FALSE(result.error().message.empty());
      CHECK_FALSE(parser.feed("<"));
    }
    CHECK(parser.entries() == calls);
    CHECK(calls <= limits.max_entries);
  }
  CHECK(failures > 1000);  // most inputs are broken, and none crashed
}
