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
}
