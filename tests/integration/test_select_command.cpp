// `gleaner select` as a user runs it: a file, standard input or a URL served
// on 127.0.0.1; HTML, text, attribute and JSON output; exit codes 0/1/2.
#include <doctest/doctest.h>
#include <httplib.h>

#include <fstream>
#include <string>

#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using testing::LocalServer;
using testing::Subprocess;
using testing::TempDir;

namespace {

const char* const shop_page = R"(<!doctype html><html><head><title>Shop</title><base href="/shop/"></head><body>
<ul class=items>
  <li class=item><a href="p/1" title="First &amp; best">One</a> <span class=price>&pound;1</span></li>
  <li class="item sale"><a href="p/2">Two</a> <span class=price> £2 <b>off</b></span></li>
  <li class=item><a>Three</a></li>
</ul></body></html>)";

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run gleaner_select(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {GLEANER_BINARY, "select"});
  Subprocess process(args, dir.path);
  const int code = process.wait();
  return {code, process.out(), process.err()};
}

std::string write_page(const TempDir& dir, const std::string& html) {
  const auto path = dir.path / "page.html";
  std::ofstream(path, std::ios::binary) << html;
  return path.string();
}

}  // namespace

TEST_CASE("gleaner select prints each matched element's HTML on its own line and exits 0") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  Run run = gleaner_select(dir, {"li.item > a", page});
  CHECK(run.code == 0);
  CHECK(run.out == "<a href=\"p/1\" title=\"First &amp; best\">One</a>\n<a href=\"p/2\">Two</a>\n<a>Three</a>\n");
  CHECK(run.err.empty());
}

TEST_CASE("gleaner select prints text and attribute values for ::text, ::all-text and ::attr()") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  CHECK(gleaner_select(dir, {".price::text", page}).out == "\xc2\xa3" "1\n\xc2\xa3" "2\n");
  CHECK(gleaner_select(dir, {".price::all-text", page}).out == "\xc2\xa3" "1\n\xc2\xa3" "2 off\n");
  // Elements without the attribute are skipped, as in a job's fields.
  CHECK(gleaner_select(dir, {"a::attr(href)", page}).out == "p/1\np/2\n");
  CHECK(gleaner_select(dir, {"li:nth-child(2 of .item) a::text, li:has(a:not([href]))::all-text", page}).out ==
        "Two\nThree\n");
}

TEST_CASE("gleaner select --json prints one JSON value per line in document order") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  Run run = gleaner_select(dir, {"--json", "li.sale, a[title]", page});
  CHECK(run.code == 0);
  CHECK(run.out ==
        "{\"tag\":\"a\",\"attrs\":{\"href\":\"p/1\",\"title\":\"First & best\"},\"text\":\"One\"}\n"
        "{\"tag\":\"li\",\"attrs\":{\"class\":\"item sale\"},\"text\":\"Two \xc2\xa3" "2 off\"}\n");
  CHECK(gleaner_select(dir, {"--json", "a::attr(title)", page}).out == "\"First & best\"\n");
  CHECK(gleaner_select(dir, {"--json", "title::text", page}).out == "\"Shop\"\n");
}

TEST_CASE("gleaner select --base makes URL attributes absolute, honouring <base href>") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  Run run = gleaner_select(dir, {"--base", "https://shop.test/x/y.html", "a::attr(href)", page});
  CHECK(run.code == 0);
  CHECK(run.out == "https://shop.test/shop/p/1\nhttps://shop.test/shop/p/2\n");
  // Other attributes are printed as written.
  CHECK(gleaner_select(dir, {"--base", "https://shop.test/", "a::attr(title)", page}).out == "First & best\n");
  Run bad = gleaner_select(dir, {"--base", "shop.test", "a", page});
  CHECK(bad.code == 2);
  CHECK(bad.err == "gleaner: --base: expected an absolute URL, found \"shop.test\"\n");
}

TEST_CASE("gleaner select exits 1 when nothing matches, printing nothing") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  Run run = gleaner_select(dir, {"table", page});
  CHECK(run.code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.empty());
  // Matches without the asked-for value count as nothing.
  CHECK(gleaner_select(dir, {"li::attr(data-x)", page}).code == 1);
}

TEST_CASE("gleaner select exits 2 on a bad selector or an unreadable page, with one line saying why") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  Run bad = gleaner_select(dir, {"div > > a", page});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err == "gleaner: invalid selector \"div > > a\" at 6: expected a simple selector after '>'\n");
  Run hover = gleaner_select(dir, {"a:hover", page});
  CHECK(hover.code == 2);
  CHECK(hover.err ==
        "gleaner: invalid selector \"a:hover\" at 1: unsupported pseudo-class ':hover' "
        "(it depends on a user interacting with the page)\n");
  const std::string missing = (dir.path / "missing.html").string();
  Run unreadable = gleaner_select(dir, {"a", missing});
  CHECK(unreadable.code == 2);
  CHECK(unreadable.err == "gleaner: " + missing + ": cannot read: No such file or directory\n");
  Run ftp = gleaner_select(dir, {"a", "ftp://example.com/x"});
  CHECK(ftp.code == 2);
  CHECK(ftp.err == "gleaner: ftp://example.com/x: only http:// and https:// URLs can be fetched\n");
}

TEST_CASE("gleaner select reads standard input for -") {
  TempDir dir;
  const std::string page = write_page(dir, shop_page);
  const std::string command = std::string("exec '") + GLEANER_BINARY + "' select 'li:last-child a::text' - < '" + page + "'";
  Subprocess process({"/bin/sh", "-c", command}, dir.path);
  CHECK(process.wait() == 0);
  CHECK(process.out() == "Three\n");
}

TEST_CASE("gleaner select fetches http URLs, decodes their charset, and fails cleanly on HTTP errors") {
  LocalServer server([](httplib::Server& http) {
    http.Get("/shop.html", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(shop_page, "text/html; charset=utf-8");
    });
    http.Get("/latin1.html", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<p>caf\xe9 \xa3" "5</p>", "text/html; charset=iso-8859-1");
    });
    http.Get("/moved", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/shop.html");
    });
    http.Get("/gone", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content("<p>not here</p>", "text/html");
    });
  });
  TempDir dir;
  Run fetched = gleaner_select(dir, {"li.sale a::attr(href)", server.base_url() + "/shop.html"});
  CHECK(fetched.code == 0);
  CHECK(fetched.out == "p/2\n");
  CHECK(gleaner_select(dir, {"p::text", server.base_url() + "/latin1.html"}).out == "caf\xc3\xa9 \xc2\xa3" "5\n");
  CHECK(gleaner_select(dir, {"--base", server.base_url() + "/moved", "a::attr(href)", server.base_url() + "/moved"})
            .out == server.base_url() + "/shop/p/1\n" + server.base_url() + "/shop/p/2\n");
  Run gone = gleaner_select(dir, {"p", server.base_url() + "/gone"});
  CHECK(gone.code == 2);
  CHECK(gone.err == "gleaner: GET " + server.base_url() + "/gone: HTTP 404\n");
}
