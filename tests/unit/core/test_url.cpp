#include <doctest/doctest.h>

#include "core/url.hpp"

using gleaner::Url;

TEST_CASE("a parsed URL is canonical: lower-case scheme and host, no default port, no fragment") {
  auto url = Url::parse("HTTP://Example.COM:80/a/./b/../c?q=1#frag");
  REQUIRE(url);
  CHECK(url->str() == "http://example.com/a/c?q=1");
  CHECK(url->scheme() == "http");
  CHECK(url->host() == "example.com");
}

TEST_CASE("a URL with an empty path gets the root path") {
  auto url = Url::parse("https://example.com");
  REQUIRE(url);
  CHECK(url->str() == "https://example.com/");
}

TEST_CASE("a non-default port is kept") {
  auto url = Url::parse("http://127.0.0.1:8080/x");
  REQUIRE(url);
  CHECK(url->str() == "http://127.0.0.1:8080/x");
  CHECK(url->host() == "127.0.0.1");
}

TEST_CASE("relative links resolve against the page URL as a browser resolves them") {
  auto base = Url::parse("http://shop.test/catalogue/page-2.html?x=1");
  REQUIRE(base);
  struct Row {
    const char* href;
    const char* expected;
  };
  const Row rows[] = {
      {"book/1.html", "http://shop.test/catalogue/book/1.html"},
      {"../index.html", "http://shop.test/index.html"},
      {"/about", "http://shop.test/about"},
      {"?page=3", "http://shop.test/catalogue/page-2.html?page=3"},
      {"//other.test/x", "http://other.test/x"},
      {"  page-3.html\n", "http://shop.test/catalogue/page-3.html"},
      {"page-3.html#reviews", "http://shop.test/catalogue/page-3.html"},
      {"HTTPS://Other.Test:443/y", "https://other.test/y"},
      {"#top", "http://shop.test/catalogue/page-2.html?x=1"},  // RFC 3986 §5.2.2: same document
      {"", "http://shop.test/catalogue/page-2.html?x=1"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.href);
    auto resolved = base->resolve(row.href);
    REQUIRE(resolved);
    CHECK(resolved->str() == row.expected);
  }
}

TEST_CASE("a URL that does not parse is an error naming it") {
  auto url = Url::parse("not a url");
  REQUIRE_FALSE(url);
  CHECK(url.error().message.find("invalid URL \"not a url\"") == 0);
}

TEST_CASE("non-http links keep their scheme so the crawler can skip them") {
  auto base = Url::parse("http://shop.test/");
  REQUIRE(base);
  auto ftp = base->resolve("ftp://files.test/a.txt");
  REQUIRE(ftp);
  CHECK_FALSE(ftp->is_http());
}

TEST_CASE("a URL splits into its origin and its path with query") {
  auto url = Url::parse("http://Shop.test:8080/a/b?x=1#f");
  REQUIRE(url);
  CHECK(url->origin() == "http://shop.test:8080");
  CHECK(url->path_and_query() == "/a/b?x=1");
  auto root = Url::parse("https://shop.test");
  REQUIRE(root);
  CHECK(root->origin() == "https://shop.test");
  CHECK(root->path_and_query() == "/");
  // A query straight after the host, a '?' inside the query, and userinfo.
  auto bare_query = Url::parse("http://user:pw@shop.test?a=1?b=/c");
  REQUIRE(bare_query);
  CHECK(bare_query->origin() == "http://user:pw@shop.test");
  CHECK(bare_query->path() == "/");
  CHECK(bare_query->query() == "a=1?b=/c");
}

TEST_CASE("percent-encoding and empty queries are normalised (RFC 3986 §6.2.2)") {
  struct Row {
    const char* input;
    const char* expected;
  };
  const Row rows[] = {
      // §6.2.2.1: hex digits in upper case.
      {"http://a.test/x%2fy%3d?q=%e2%82%ac", "http://a.test/x%2Fy%3D?q=%E2%82%AC"},
      // §6.2.2.2: unreserved characters (ALPHA DIGIT - . _ ~) decoded.
      {"http://a.test/%7Euser/%41%62%2D%2e%5F", "http://a.test/~user/Ab-._"},
      {"http://a.test/?q=%7e%30&r=%2B", "http://a.test/?q=~0&r=%2B"},
      // Reserved characters stay encoded: decoding them changes the meaning.
      {"http://a.test/a%2Fb?x=%26%3D", "http://a.test/a%2Fb?x=%26%3D"},
      // §6.2.2.3: dot-segments, also once decoded from %2E.
      {"http://a.test/a/%2E%2E/b/%2e/c", "http://a.test/b/c"},
      // An empty query is no query.
      {"http://a.test/b?", "http://a.test/b"},
      {"http://a.test/b?#top", "http://a.test/b"},
      // Characters a URL may not hold raw are encoded, as browsers do.
      {"http://a.test/a b?c d", "http://a.test/a%20b?c%20d"},
      {"http://a.test/caf\xc3\xa9", "http://a.test/caf%C3%A9"},
      {"http://a.test/q?x=\"<>\"", "http://a.test/q?x=%22%3C%3E%22"},
      // A stray '%' is left alone.
      {"http://a.test/100%?x=%zz", "http://a.test/100%?x=%zz"},
      // The host is case-folded and percent-decoded by curl.
      {"http://%41.Test/", "http://a.test/"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    auto url = Url::parse(row.input);
    REQUIRE(url);
    CHECK(url->str() == row.expected);
    // Canonical means idempotent.
    auto again = Url::parse(url->str());
    REQUIRE(again);
    CHECK(again->str() == url->str());
  }
}

TEST_CASE("two spellings of one resource resolve to the same canonical URL") {
  auto base = Url::parse("http://shop.test/dir/page.html");
  REQUIRE(base);
  auto a = base->resolve("%7Euser/item?id=%41");
  auto b = base->resolve("HTTP://SHOP.TEST:80/dir/~user/item?id=A#x");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->str() == "http://shop.test/dir/~user/item?id=A");
  CHECK(*a == *b);
}

TEST_CASE("a URL's path and query can be read apart and the query replaced") {
  auto url = Url::parse("http://shop.test/a/b?x=1&y=2");
  REQUIRE(url);
  CHECK(url->path() == "/a/b");
  CHECK(url->query() == "x=1&y=2");
  auto bare = Url::parse("http://shop.test/a");
  REQUIRE(bare);
  CHECK(bare->query().empty());

  auto replaced = url->with_query("y=%7e");
  REQUIRE(replaced);
  CHECK(replaced->str() == "http://shop.test/a/b?y=~");
  auto removed = url->with_query("");
  REQUIRE(removed);
  CHECK(removed->str() == "http://shop.test/a/b");
}
