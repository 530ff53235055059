// `gleaner links` as a user runs it against a page served on 127.0.0.1: every
// link, resolved and canonical; with a job, the crawler's decision on each and
// why; robots.txt fetched once per origin; JSON; files with --base; exit codes.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/job_loader.hpp"
#include "core/url.hpp"
#include "extract/extractor.hpp"
#include "support/local_server.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;
using testing::LocalServer;
using testing::Subprocess;
using testing::TempDir;

namespace {

// Served as /shop/index.html. `origin` is "http://127.0.0.1:PORT". The area
// sits mid-page: without a job links come in document order, with this job's
// follow rules ["a", "area"] rule by rule, as the crawler collects them.
std::string links_page(const std::string& origin) {
  return R"html(<!doctype html><html><head><title>Links</title>
<link rel=stylesheet href="/style.css"></head><body>
<a href="p/1">relative</a>
<a href=")html" + origin + R"html(/shop/p/2?utm_source=mail">absolute</a>
<map name=m><area href="/shop/map.html" alt=map></map>
<a href="#top">fragment only</a>
<a href="p/1">duplicate</a>
<a href="mailto:shop@example.com">mail</a>
<a href="javascript:void(0)">script</a>
<a href="http://other.test/x">elsewhere</a>
<a href="/shop/cart?sort=price">sorted</a>
<a href="/private/secret.html">private</a>
<a href="http://[::1">broken</a>
<a name=anchor>no href</a>
</body></html>)html";
}

struct Site {
  std::atomic<int> robots_fetches{0};
  LocalServer server{[this](httplib::Server& http) {
    http.Get("/robots.txt", [this](const httplib::Request&, httplib::Response& response) {
      ++robots_fetches;
      response.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    http.Get("/shop/index.html", [](const httplib::Request& request, httplib::Response& response) {
      response.set_content(links_page("http://" + request.get_header_value("Host")), "text/html; charset=utf-8");
    });
    http.Get("/moved", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/shop/index.html");
    });
    http.Get("/empty.html", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<p>No links here. <link rel=icon href=/favicon.ico></p>", "text/html");
    });
    http.Get("/gone", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content("<a href=/x>x</a>", "text/html");
    });
  }};

  std::string origin() const { return server.base_url(); }
  std::string page() const { return origin() + "/shop/index.html"; }
};

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run gleaner_links(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {GLEANER_BINARY, "links"});
  Subprocess process(args, dir.path);
  const int code = process.wait();
  return {code, process.out(), process.err()};
}

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// A job for the site: follow every a and area, deny sorted listings.
std::string job_text(const Site& site, const std::string& extra = "") {
  return R"({
  "name": "links",
  "start_urls": [")" + site.page() + R"("],
  "follow": ["a", "area"],
  "links": {"deny": ["[?&]sort="]},)" + extra + R"(
  "max_depth": 5
})";
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> objects;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    REQUIRE(end != std::string::npos);
    objects.push_back(nlohmann::json::parse(out.substr(start, end - start)));
    start = end + 1;
  }
  return objects;
}

}  // namespace

TEST_CASE("gleaner links prints every hyperlink of a page, resolved and canonical, in document order") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  Run run = gleaner_links(dir, {site.page()});
  CHECK(run.code == 0);
  // No job: no query rules (utm_source stays), no dedup; stylesheet <link>s,
  // anchors without href and hrefs that are not http(s) URLs print nothing.
  CHECK(run.out == o + "/shop/p/1\n" +                  //
                       o + "/shop/p/2?utm_source=mail\n" +  //
                       o + "/shop/map.html\n" +             //
                       o + "/shop/index.html\n" +           //
                       o + "/shop/p/1\n" +                  //
                       "http://other.test/x\n" +            //
                       o + "/shop/cart?sort=price\n" +      //
                       o + "/private/secret.html\n");
  CHECK(run.err.empty());
  CHECK(site.robots_fetches == 0);
}

TEST_CASE("gleaner links --job gives the crawler's decision on each link, and why") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string job = write_file(dir, "job.json", job_text(site));
  Run run = gleaner_links(dir, {"--job", job, site.page()});
  CHECK(run.code == 0);
  CHECK(run.out == o + "/shop/p/1\tfollow\n" +                             // relative
                       o + "/shop/p/2\tfollow\n" +                             // utm_* stripped by the job
                       o + "/shop/index.html\tskip: seen\n" +                  // #top: the page itself
                       o + "/shop/p/1\tskip: seen\n" +                         // second occurrence
                       "mailto:shop@example.com\tskip: scheme\n" +             //
                       "javascript:void(0)\tskip: scheme\n" +                  //
                       "http://other.test/x\tskip: domain\n" +                 //
                       o + "/shop/cart?sort=price\tskip: pattern /[?&]sort=/\n" +  //
                       o + "/private/secret.html\tskip: robots\n" +            //
                       "http://[::1\tskip: invalid URL\n" +                    //
                       o + "/shop/map.html\tfollow\n");                        // the area rule comes second
  CHECK(run.err.empty());
  CHECK(site.robots_fetches == 1);  // one origin, one fetch
}

TEST_CASE("gleaner links --job --json prints href, canonical url (or null) and decision per link") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string job = write_file(dir, "job.json", job_text(site));
  Run run = gleaner_links(dir, {"--json", "--job", job, site.page()});
  CHECK(run.code == 0);
  const auto objects = json_lines(run.out);
  REQUIRE(objects.size() == 11);
  CHECK(run.out.substr(0, run.out.find('\n')) ==
        R"({"href":"p/1","url":")" + o + R"(/shop/p/1","decision":"follow"})");
  CHECK(objects[1] == nlohmann::json{{"href", o + "/shop/p/2?utm_source=mail"},
                                     {"url", o + "/shop/p/2"},
                                     {"decision", "follow"}});
  CHECK(objects[2] == nlohmann::json{{"href", "#top"}, {"url", o + "/shop/index.html"}, {"decision", "skip: seen"}});
  CHECK(objects[4] ==
        nlohmann::json{{"href", "mailto:shop@example.com"}, {"url", nullptr}, {"decision", "skip: scheme"}});
  CHECK(objects[6] ==
        nlohmann::json{{"href", "http://other.test/x"}, {"url", "http://other.test/x"}, {"decision", "skip: domain"}});
  CHECK(objects[7]["decision"] == "skip: pattern /[?&]sort=/");
  CHECK(objects[8] == nlohmann::json{{"href", "/private/secret.html"},
                                     {"url", o + "/private/secret.html"},
                                     {"decision", "skip: robots"}});
  CHECK(objects[9] == nlohmann::json{{"href", "http://[::1"}, {"url", nullptr}, {"decision", "skip: invalid URL"}});

  // Without a job there is no decision, except why a link has no URL.
  Run plain = gleaner_links(dir, {"--json", site.page()});
  CHECK(plain.code == 0);
  const auto no_job = json_lines(plain.out);
  REQUIRE(no_job.size() == 11);
  CHECK(no_job[0] == nlohmann::json{{"href", "p/1"}, {"url", o + "/shop/p/1"}, {"decision", nullptr}});
  CHECK(no_job[1]["url"] == o + "/shop/p/2?utm_source=mail");
  CHECK(no_job[2]["href"] == "/shop/map.html");
  CHECK(no_job[6] == nlohmann::json{{"href", "javascript:void(0)"}, {"url", nullptr}, {"decision", "skip: scheme"}});
}

TEST_CASE("gleaner links --no-robots leaves robots.txt unfetched and follows what the job would queue") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string job = write_file(dir, "job.json", job_text(site));
  Run run = gleaner_links(dir, {"--no-robots", "--job", job, site.page()});
  CHECK(run.code == 0);
  CHECK(run.out.find(o + "/private/secret.html\tfollow\n") != std::string::npos);
  CHECK(run.out.find("skip: robots") == std::string::npos);
  CHECK(site.robots_fetches == 0);

  // A job that does not obey robots.txt never asks for it either.
  const std::string rude =
      write_file(dir, "rude.json", job_text(site, R"(
  "politeness": {"obey_robots": false},)"));
  Run impolite = gleaner_links(dir, {"--job", rude, site.page()});
  CHECK(impolite.out.find(o + "/private/secret.html\tfollow\n") != std::string::npos);
  CHECK(site.robots_fetches == 0);
}

TEST_CASE("gleaner links --depth places the page deeper, so links past max_depth are skip: depth") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string job = write_file(dir, "job.json", job_text(site));
  // max_depth is 5: a page at depth 4 still has its links followed...
  Run shallow = gleaner_links(dir, {"--depth", "4", "--job", job, site.page()});
  CHECK(shallow.out.find(o + "/shop/p/1\tfollow\n") == 0);
  // ...one at depth 5 does not. Scope is checked before depth, depth before seen.
  Run deep = gleaner_links(dir, {"--depth", "5", "--job", job, site.page()});
  CHECK(deep.code == 0);
  CHECK(deep.out == o + "/shop/p/1\tskip: depth\n" +                //
                        o + "/shop/p/2\tskip: depth\n" +                //
                        o + "/shop/index.html\tskip: depth\n" +         //
                        o + "/shop/p/1\tskip: depth\n" +                //
                        "mailto:shop@example.com\tskip: scheme\n" +     //
                        "javascript:void(0)\tskip: scheme\n" +          //
                        "http://other.test/x\tskip: domain\n" +         //
                        o + "/shop/cart?sort=price\tskip: depth\n" +    //
                        o + "/private/secret.html\tskip: depth\n" +     //
                        "http://[::1\tskip: invalid URL\n" +            //
                        o + "/shop/map.html\tskip: depth\n");
  CHECK(site.robots_fetches == 1);  // only the shallow run had links to ask about
}

TEST_CASE("gleaner links treats the job's start URLs as seen, as a crawl admits them before any link") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string job = write_file(dir, "job.json", R"({
  "name": "links",
  "start_urls": [")" + o + R"(/shop/map.html", ")" + o + R"(/shop/p/2"],
  "follow": ["a[href^='p/'], a[href*='/p/'], area"]
})");
  Run run = gleaner_links(dir, {"--no-robots", "--job", job, site.page()});
  CHECK(run.code == 0);
  CHECK(run.out == o + "/shop/p/1\tfollow\n" +             //
                       o + "/shop/p/2\tskip: seen\n" +         // a start URL (once utm_* is stripped)
                       o + "/shop/map.html\tskip: seen\n" +    // a start URL
                       o + "/shop/p/1\tskip: seen\n");
}

TEST_CASE("gleaner links resolves against the URL after redirects") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  Run run = gleaner_links(dir, {site.origin() + "/moved"});
  CHECK(run.code == 0);
  CHECK(run.out.find(o + "/shop/p/1\n" + o + "/shop/p/2?utm_source=mail\n" + o + "/shop/map.html\n" + o +
                     "/shop/index.html\n") == 0);
}

TEST_CASE("gleaner links reads a file, resolving relative links only when --base or <base href> gives a URL") {
  Site site;
  TempDir dir;
  const std::string o = site.origin();
  const std::string page = write_file(dir, "page.html", links_page(o));
  const std::string job = write_file(dir, "job.json", job_text(site));

  // With --base the file stands for the page at that URL: the same answers as fetching it.
  Run based = gleaner_links(dir, {"--job", job, "--base", site.page(), page});
  Run fetched = gleaner_links(dir, {"--job", job, site.page()});
  CHECK(based.code == 0);
  CHECK(based.out.find(o + "/shop/p/1\tfollow\n") == 0);
  CHECK(based.out == fetched.out);

  // Without it, relative links have no URL; absolute ones are still decided.
  Run unbased = gleaner_links(dir, {"--job", job, page});
  CHECK(unbased.code == 0);
  CHECK(unbased.out == "p/1\tskip: no base URL\n" +                         //
                           o + "/shop/p/2\tfollow\n" +                          //
                           "#top\tskip: no base URL\n" +                        //
                           "p/1\tskip: no base URL\n" +                         //
                           "mailto:shop@example.com\tskip: scheme\n" +          //
                           "javascript:void(0)\tskip: scheme\n" +               //
                           "http://other.test/x\tskip: domain\n" +              //
                           "/shop/cart?sort=price\tskip: no base URL\n" +       //
                           "/private/secret.html\tskip: no base URL\n" +        //
                           "http://[::1\tskip: invalid URL\n" +                 //
                           "/shop/map.html\tskip: no base URL\n");
  Run unbased_plain = gleaner_links(dir, {page});
  CHECK(unbased_plain.out == o + "/shop/p/2?utm_source=mail\nhttp://other.test/x\n");

  // <base href> wins over --base, as in a browser; an absolute one needs no --base.
  const std::string with_base =
      write_file(dir, "base.html", "<base href=\"/catalogue/\"><a href=\"x.html\">x</a><a href=\"/y\">y</a>");
  CHECK(gleaner_links(dir, {"--base", o + "/shop/index.html", with_base}).out ==
        o + "/catalogue/x.html\n" + o + "/y\n");
  const std::string absolute_base =
      write_file(dir, "absolute.html", "<base href=\"http://shop.test/c/\"><a href=\"x.html\">x</a>");
  CHECK(gleaner_links(dir, {absolute_base}).out == "http://shop.test/c/x.html\n");
}

TEST_CASE("gleaner links reads standard input for -") {
  Site site;
  TempDir dir;
  const std::string page = write_file(dir, "page.html", "<a href='/a'>a</a> <a href='b?utm_medium=x'>b</a>");
  const std::string command =
      std::string("exec '") + GLEANER_BINARY + "' links --base http://shop.test/d/ - < '" + page + "'";
  Subprocess process({"/bin/sh", "-c", command}, dir.path);
  CHECK(process.wait() == 0);
  CHECK(process.out() == "http://shop.test/a\nhttp://shop.test/d/b?utm_medium=x\n");
}

TEST_CASE("gleaner links exits 1 when the page has nothing to print") {
  Site site;
  TempDir dir;
  Run empty = gleaner_links(dir, {site.origin() + "/empty.html"});
  CHECK(empty.code == 1);
  CHECK(empty.out.empty());
  CHECK(empty.err.empty());
  const std::string job = write_file(dir, "job.json", job_text(site));
  Run empty_job = gleaner_links(dir, {"--json", "--job", job, site.origin() + "/empty.html"});
  CHECK(empty_job.code == 1);
  CHECK(empty_job.out.empty());

  // Only a mail link: no URL to print without a job, but a line with --json.
  const std::string mail = write_file(dir, "mail.html", "<a href='mailto:a@b.test'>mail</a>");
  Run plain = gleaner_links(dir, {mail});
  CHECK(plain.code == 1);
  CHECK(plain.out.empty());
  Run json = gleaner_links(dir, {"--json", mail});
  CHECK(json.code == 0);
  CHECK(json.out == "{\"href\":\"mailto:a@b.test\",\"url\":null,\"decision\":\"skip: scheme\"}\n");
}

TEST_CASE("gleaner links exits 2 on a bad job, a bad --base or an unreadable page, with one line saying why") {
  Site site;
  TempDir dir;
  const std::string page = write_file(dir, "page.html", "<a href='/a'>a</a>");

  const std::string missing_job = (dir.path / "nope.json").string();
  Run no_job = gleaner_links(dir, {"--job", missing_job, page});
  CHECK(no_job.code == 2);
  CHECK(no_job.out.empty());
  CHECK(no_job.err == "gleaner: " + missing_job + ": cannot read job file: No such file or directory\n");

  const std::string bad_job = write_file(dir, "bad.json", R"({"name": "x", "start_urls": ["http://a.test/"], "max_depht": 1})");
  Run invalid = gleaner_links(dir, {"--job", bad_job, page});
  CHECK(invalid.code == 2);
  CHECK(invalid.err.find("gleaner: " + bad_job + ": /max_depht: unknown key") == 0);

  Run bad_base = gleaner_links(dir, {"--base", "shop.test/x", page});
  CHECK(bad_base.code == 2);
  CHECK(bad_base.err == "gleaner: --base: expected an absolute http(s) URL, found \"shop.test/x\"\n");

  const std::string missing = (dir.path / "missing.html").string();
  Run unreadable = gleaner_links(dir, {missing});
  CHECK(unreadable.code == 2);
  CHECK(unreadable.err == "gleaner: " + missing + ": cannot read: No such file or directory\n");

  Run gone = gleaner_links(dir, {site.origin() + "/gone"});
  CHECK(gone.code == 2);
  CHECK(gone.out.empty());
  CHECK(gone.err == "gleaner: GET " + site.origin() + "/gone: HTTP 404\n");

  // Options that only mean something with a job are refused without one.
  Run depth = gleaner_links(dir, {"--depth", "2", page});
  CHECK(depth.code == 2);
  CHECK(depth.err.find("--depth requires --job") != std::string::npos);
  Run negative = gleaner_links(dir, {"--job", write_file(dir, "job.json", job_text(site)), "--depth", "-1", page});
  CHECK(negative.code == 2);
  CHECK(negative.out.empty());
  CHECK(negative.err.find("gleaner: --depth: expected a depth of 0 or more, found -1\n") == 0);
}

TEST_CASE("gleaner links --job picks exactly the links the crawler's extractor follows") {
  // The command collects hrefs itself (it needs them as written); this keeps
  // it in step with extract::Extractor on follow rules with ::attr(), several
  // rules, <base href> and hrefs that do not resolve.
  Site site;
  TempDir dir;
  const std::string html = R"(<base href="/b/">
<nav><a href="one">1</a><a href="//cdn.test/two">2</a><span class=next data-href="../three?x=1">3</span></nav>
<a href="http://[bad">bad</a><a href=" four ">4</a><a class=skip>no href</a>
<img class=next data-href="/five">)";
  const std::string page = write_file(dir, "page.html", html);
  const std::string job_json = R"json({"name": "x", "start_urls": ["http://shop.test/s/"],
    "allowed_domains": ["shop.test", "cdn.test"],
    "follow": ["nav a", ".next::attr(data-href)", "a"]})json";
  const std::string job_path = write_file(dir, "job.json", job_json);

  Run run = gleaner_links(dir, {"--json", "--no-robots", "--job", job_path, "--base", "http://shop.test/s/", page});
  CHECK(run.code == 0);
  const auto objects = json_lines(run.out);

  auto job = config::parse_job(job_json, "job.json");
  REQUIRE(job);
  const Url page_url = *Url::parse("http://shop.test/s/");
  const extract::Page extracted = extract::Extractor(*job).extract(page_url, html);
  REQUIRE(extracted.links.size() == 7);  // nav a: 2, .next: 2, a: 3 (and one that does not resolve)
  CHECK(extracted.unresolvable_links == 1);

  const Url base = *Url::parse("http://shop.test/b/");
  std::vector<std::string> ours;
  std::size_t unresolvable = 0;
  for (const auto& object : objects) {
    auto url = base.resolve(object["href"].get<std::string>());
    if (url) {
      ours.push_back(url->str());
    } else {
      ++unresolvable;
      CHECK(object["decision"] == "skip: invalid URL");
    }
  }
  std::vector<std::string> theirs;
  for (const Url& url : extracted.links) theirs.push_back(url.str());
  CHECK(ours == theirs);
  CHECK(unresolvable == extracted.unresolvable_links);
  CHECK(objects.at(1) == nlohmann::json{{"href", "//cdn.test/two"},
                                        {"url", "http://cdn.test/two"},
                                        {"decision", "follow"}});
}
