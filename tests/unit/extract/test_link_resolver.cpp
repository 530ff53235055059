#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/link_resolver.hpp"

using namespace gleaner;

namespace {

std::string resolved_text(const Url& base, std::string_view href) {
  auto url = extract::resolve_link(base, href);
  return url ? url->str() : "(unresolvable)";
}

std::string expected_text(const Url& base, std::string_view href) {
  auto url = base.resolve(href);
  return url ? url->str() : "(unresolvable)";
}

}  // namespace

TEST_CASE("resolve_link answers as Url::resolve does, whether remembered or not, for every form of link") {
  const std::vector<std::string> bases = {
      "https://shop.test/catalogue/shoes/page-2.html?sort=price",
      "https://shop.test/catalogue/shoes/index.html",
      "https://shop.test/catalogue/hats/index.html",
      "http://shop.test/catalogue/shoes/page-2.html",
      "https://other.test/catalogue/shoes/page-2.html",
      "https://shop.test/",
      "https://shop.test:8443/a/b",
  };
  const std::vector<std::string> hrefs = {
      "https://elsewhere.test/x?y=1",
      "HTTP://Elsewhere.TEST:80/x#frag",
      "//cdn.test/img.png",
      "/catalogue/shoes/page-3.html",
      "/catalogue/%7euser/../x",
      "page-3.html",
      "../hats/index.html",
      "../../../../up.html",
      "./",
      "?page=4",
      "#top",
      "",
      "  /padded.html \n",
      "mailto:someone@shop.test",
      "javascript:void(0)",
      "http://[::1/broken",
      "a b/c d.html",
      "caf\xc3\xa9.html",
      "line\nbreak.html",
      "\\back\\slash",
  };
  // Twice over: the second pass answers from memory where the form allows.
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& base_text : bases) {
      const Url base = *Url::parse(base_text);
      for (const std::string& href : hrefs) {
        CAPTURE(base_text);
        CAPTURE(href);
        CHECK(resolved_text(base, href) == expected_text(base, href));
      }
    }
  }
}

TEST_CASE("resolve_link keeps answering correctly after its memory fills and is forgotten") {
  const Url base = *Url::parse("https://shop.test/c/list.html");
  for (int i = 0; i < 10'000; ++i) {
    const std::string href = "/p/" + std::to_string(i % 5000) + ".html";
    REQUIRE(resolved_text(base, href) == "https://shop.test" + href);
  }
}
