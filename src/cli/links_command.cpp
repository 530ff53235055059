#include "cli/links_command.hpp"

#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/result_lines.hpp"
#include "cli/page_source.hpp"
#include "config/job_loader.hpp"
#include "core/url.hpp"
#include "crawl/frontier.hpp"
#include "engine/engine.hpp"
#include "engine/frontier_for_job.hpp"
#include "engine/robots_cache.hpp"
#include "engine/run_crawl.hpp"
#include "extract/link_hrefs.hpp"
#include "gleaner_version.hpp"
#include "html/document.hpp"
#include "html/selector_parser.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/task.hpp"

namespace gleaner::cli {
namespace {

// One link as found in the page, and what becomes of it.
struct Link {
  std::string href;           // the attribute's value as written
  std::optional<Url> url;     // canonical; none when it is not an http(s) URL
  std::string decision;       // "follow", "skip: ..."; empty without a job for a usable URL
  bool needs_robots = false;  // the frontier admitted it; robots.txt has the last word
};

void print_error(const std::string& message) { std::fprintf(stderr, "gleaner: %s\n", message.c_str()); }

// Pages are not always valid UTF-8; replace bad bytes rather than fail.
std::string dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The scheme an href starts with ("mailto", "javascript"), lower-cased, if
// it has one (WHATWG URL, "scheme state"): a letter, then letters, digits,
// '+', '-' or '.', then ':'.
std::optional<std::string> scheme_of(std::string_view href) {
  while (!href.empty() && static_cast<unsigned char>(href.front()) <= 0x20) href.remove_prefix(1);
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (href.empty() || !is_alpha(href.front())) return std::nullopt;
  std::string scheme;
  for (char c : href) {
    if (c == ':') return scheme;
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return std::nullopt;
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::nullopt;
}

// Resolves one href against the document base. A link that cannot be
// fetched over http(s) gets no URL and the reason as its decision.
Link resolve_link(std::string href, const std::optional<Url>& base) {
  Link link{std::move(href), std::nullopt, "", false};
  auto url = base ? base->resolve(link.href) : Url::parse(link.href);
  if (url && url->is_http()) {
    link.url = std::move(*url);
    return link;
  }
  const auto scheme = scheme_of(link.href);
  if (!url && !base && !scheme) {
    link.decision = "skip: no base URL";
  } else if (scheme && *scheme != "http" && *scheme != "https") {
    link.decision = "skip: scheme";
  } else {
    link.decision = url ? "skip: scheme" : "skip: invalid URL";
  }
  return link;
}

// Whether robots.txt allows each URL: one fetch per origin, through the
// RobotsCache a crawl uses, read the same way (4xx allows all, 5xx or
// unreachable disallows all).
loop::Task<std::vector<bool>> robots_allow(engine::RobotsCache& robots, std::vector<Url> urls) {
  std::vector<bool> allowed;
  allowed.reserve(urls.size());
  for (const Url& url : urls) {
    const crawl::RobotsRules* rules = co_await robots.rules_for(url);
    allowed.push_back(rules->allowed(url.path_and_query()));
  }
  co_return allowed;
}

// The crawler's decision on each link, in page order, from the job's own
// frontier: the start URLs are admitted first (as a crawl begins), then the
// page at `options.depth`, then each link at the next depth, so repeats and
// links back to the page or a start URL are "seen". Links it would queue are
// then asked of their origin's robots.txt, as the crawl asks before a fetch.
void decide(std::vector<Link>& links, const config::Job& job, const std::optional<Url>& page_url,
            const LinksOptions& options, const http::ClientOptions& client) {
  crawl::Frontier frontier = engine::frontier_for_job(job);
  for (const Url& url : job.start_urls) frontier.add({url, 0, "", 1});
  std::string referer;
  if (page_url) {
    referer = frontier.canonical(*page_url).str();
    frontier.add({*page_url, options.depth, "", 1});
  }
  // Saturating: --depth accepts any int, and INT_MAX is too deep for any job anyway.
  const int link_depth = options.depth < std::numeric_limits<int>::max() ? options.depth + 1 : options.depth;
  const bool check_robots = job.politeness.obey_robots && options.check_robots;
  std::vector<Url> robots_urls;
  for (Link& link : links) {
    if (!link.url) continue;
    const crawl::Verdict verdict = frontier.add({*link.url, link_depth, referer, 1});
    link.url = frontier.canonical(*link.url);
    if (verdict.admission != crawl::Admission::queued) {
      link.decision = "skip: " + crawl::describe(verdict);
    } else if (check_robots) {
      link.needs_robots = true;
      robots_urls.push_back(*link.url);
    } else {
      link.decision = "follow";
    }
  }
  if (robots_urls.empty()) return;

  loop::EventLoop loop;
  http::HttpClient http(loop, client);
  engine::RobotsCache robots(loop, http, std::string(engine::robots_agent));
  const std::vector<bool> allowed = loop.run_until_complete(robots_allow(robots, std::move(robots_urls)));
  std::size_t next = 0;
  for (Link& link : links) {
    if (!link.needs_robots) continue;
    link.decision = allowed[next++] ? "follow" : "skip: robots";
  }
}

// An href printed on a line of its own: control characters (a newline in an
// attribute value) percent-encoded, as a browser would send them.
std::string printable(std::string_view href) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string text;
  for (char c : href) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      text += '%';
      text += hex[byte >> 4];
      text += hex[byte & 0xf];
    } else {
      text += c;
    }
  }
  return text;
}

// The line printed for a link, or nothing: without a job and without
// --json, only links with a URL are printed (there is no column for why).
std::optional<std::string> render(const Link& link, bool with_job, bool json) {
  if (json) {
    nlohmann::ordered_json object;
    object["href"] = link.href;
    object["url"] = link.url ? nlohmann::ordered_json(link.url->str()) : nlohmann::ordered_json(nullptr);
    object["decision"] = link.decision.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(link.decision);
    return dump(object);
  }
  if (!with_job) {
    if (!link.url) return std::nullopt;
    return link.url->str();
  }
  return (link.url ? link.url->str() : printable(link.href)) + "\t" + link.decision;
}

}  // namespace

int run_links(const LinksOptions& options) {
  std::optional<config::Job> job;
  if (!options.job_path.empty()) {
    auto loaded = config::load_job(options.job_path);
    if (!loaded) {
      print_error(loaded.error().message);
      return exit_usage;
    }
    job = std::move(*loaded);
  }
  std::optional<Url> given_base;
  if (!options.base_url.empty()) {
    auto url = Url::parse(options.base_url);
    if (!url || !url->is_http()) {
      print_error("--base: expected an absolute http(s) URL, found \"" + options.base_url + "\"");
      return exit_usage;
    }
    given_base = std::move(*url);
  }

  const std::string user_agent = std::string("gleaner/") + GLEANER_VERSION + " (web scraper)";
  http::ClientOptions client;
  client.user_agent = user_agent;
  if (job) client = engine::client_options_for(*job, user_agent);
  // The page is the one the user named, wherever it is, as for `gleaner
  // select`; the job's address rules still apply to the robots.txt fetches.
  http::ClientOptions page_client = client;
  page_client.addresses = nullptr;
  auto page = read_page(options.source, page_client);
  if (!page) {
    print_error(page.error().message);
    return exit_usage;
  }

  std::optional<Url> page_url = given_base;
  if (!page_url && !page->url.empty()) {
    if (auto fetched = Url::parse(page->url)) page_url = std::move(*fetched);
  }
  const html::Document document = html::Document::parse(page->html);
  const std::optional<Url> base = extract::document_base(document, page_url);

  // Without a job, every hyperlink (HTML Standard, "links": a and area
  // elements with an href); with one, what its follow rules pick.
  static const std::vector<html::SelectorList> hyperlinks{*html::parse_selector("a[href], area[href]")};
  const std::vector<html::SelectorList>& rules = job ? job->follow : hyperlinks;
  std::vector<Link> links;
  for (const std::string_view href : extract::link_hrefs(document, rules)) {
    links.push_back(resolve_link(std::string(href), base));
  }
  if (job) decide(links, *job, page_url, options, client);

  ResultLines results;
  for (const Link& link : links) {
    if (auto line = render(link, job.has_value(), options.json)) results.print(*line);
  }
  return results.exit_code();
}

}  // namespace gleaner::cli
