// Selector matching vs HTML parsing on one ~50 KB page: how much a job's
// compiled selectors cost next to the gumbo parse every page pays anyway.
// Prints timings and ratios for a person to read; nothing passes or fails.
//   bench-selectors [PAGE.html] [REPETITIONS]
// Without a page it generates a product-listing page of about 50 KB.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/selector_parser.hpp"

using namespace gleaner::html;
using Clock = std::chrono::steady_clock;

namespace {

// A shop listing like those jobs scrape: nav, 75 product cards, a table,
// pagination, scripts; about 50 KB.
std::string generate_page() {
  std::string html = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Catalogue</title>"
                     "<link rel=stylesheet href=/s.css><script>var analytics = {id: 42};</script></head><body>"
                     "<header class=site><nav><ul class=menu>";
  for (int i = 0; i < 12; ++i) {
    html += "<li class=\"menu-item\"><a href=\"/category/" + std::to_string(i) + "\">Category " +
            std::to_string(i) + "</a></li>";
  }
  html += "</ul></nav></header><main id=content><div class=\"row listing\">";
  for (int i = 0; i < 75; ++i) {
    const std::string n = std::to_string(i);
    html += "<article class=\"product_pod col-sm-6" + std::string(i % 7 == 0 ? " sale" : "") + "\" data-id=\"" + n +
            "\"><div class=image_container><a href=\"/catalogue/book-" + n + "/index.html\"><img src=\"/media/" + n +
            ".jpg\" alt=\"Book " + n + "\" class=thumbnail></a></div><p class=\"star-rating " +
            (i % 2 ? "Three" : "Five") + "\"><i class=icon-star></i><i class=icon-star></i></p><h3><a href=\"/catalogue/book-" +
            n + "/index.html\" title=\"A fairly long book title number " + n + "\">A fairly long book title number " + n +
            "</a></h3><div class=product_price><p class=price_color>&pound;" + std::to_string(10 + i) +
            ".99</p><p class=\"instock availability\"><i class=icon-ok></i> In stock </p><form><button type=submit "
            "class=\"btn btn-primary btn-block\">Add to basket</button></form></div></article>";
  }
  html += "</div><table class=specs>";
  for (int i = 0; i < 20; ++i) {
    html += "<tr><th>Spec " + std::to_string(i) + "</th><td>Value " + std::to_string(i) + "</td></tr>";
  }
  html += "</table><ul class=pager><li class=previous><a href=page-1.html>previous</a></li><li class=current>Page 2 of "
          "50</li><li class=next><a href=page-3.html>next</a></li></ul></main><footer><p>&copy; shop</p></footer>"
          "<script>document.querySelectorAll('a').forEach(function (a) { a.rel = 'noopener'; });</script></body></html>";
  return html;
}

// What jobs write: simple and typical, and a few that use the heavier features.
const char* const selectors[] = {
    "article.product_pod h3 a::attr(href)",
    "article.product_pod h3 a::attr(title)",
    "p.price_color::text",
    "li.next a::attr(href)",
    "ul.menu > li > a",
    "img.thumbnail::attr(src)",
    "p.star-rating::attr(class)",
    "table.specs tr:nth-child(odd) > td",
    "article:has(.icon-ok) h3 a",
    "article:not(.sale) .price_color",
    "h3 + div .price_color",
    ":is(h1, h2, h3) a[href$=\"index.html\"]",
    "li:nth-last-child(2 of .menu-item) a",
    "p:contains(\"In stock\")",
    "div.image_container ~ h3 ~ div p.instock",
};

template <class Work>
double median_microseconds(int repetitions, Work work) {
  std::vector<double> samples;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    work();
    samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string page;
  if (argc > 1) {
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "bench-selectors: cannot read %s\n", argv[1]);
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    page = text.str();
  } else {
    page = generate_page();
  }
  const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;

  std::size_t sink = 0;  // keeps the optimizer from dropping the work
  const double parse_us = median_microseconds(repetitions, [&] {
    Document doc = Document::parse(page);
    sink += doc.root() != nullptr;
  });

  const Document doc = Document::parse(page);
  std::size_t elements = select_all(doc.root(), *parse_selector("*")).size();
  std::printf("page: %zu bytes, %zu elements; median of %d runs\n", page.size(), elements, repetitions);
  std::printf("gumbo parse: %10.1f us\n\n", parse_us);
  std::printf("%-48s %7s %10s %8s\n", "selector", "matches", "match us", "parse/x");

  double total_us = 0;
  std::vector<double> ratios;
  for (const char* text : selectors) {
    auto compiled = parse_selector(text);
    if (!compiled) {
      std::fprintf(stderr, "bench-selectors: %s\n", compiled.error().message.c_str());
      return 2;
    }
    std::size_t found = 0;
    const double match_us = median_microseconds(repetitions, [&] {
      found = select_matches(doc.root(), *compiled).size();
      sink += found;
    });
    total_us += match_us;
    ratios.push_back(parse_us / match_us);
    std::printf("%-48s %7zu %10.1f %7.0fx\n", text, found, match_us, parse_us / match_us);
  }
  std::sort(ratios.begin(), ratios.end());
  std::printf("\nall %zu selectors together: %.1f us, %.1fx less than one parse\n", std::size(selectors), total_us,
              parse_us / total_us);
  std::printf("one selector (median): %.0fx less than one parse\n", ratios[ratios.size() / 2]);
  return sink == 0 ? 1 : 0;
}
