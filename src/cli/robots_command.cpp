#include "cli/robots_command.hpp"

#include <cstdio>
#include <optional>

#include "cli/exit_codes.hpp"
#include "cli/page_source.hpp"
#include "core/url.hpp"
#include "crawl/robots_rules.hpp"
#include "gleaner_version.hpp"

namespace gleaner::cli {
namespace {

struct LoadedRules {
  crawl::RobotsRules rules;
  std::string note;  // why no rule applies, when the file itself decided
};

// The same reading of a robots.txt answer as the crawl's RobotsCache.
Result<LoadedRules> load_rules(const RobotsOptions& options) {
  if (!is_url_source(options.robots)) {
    auto body = read_local(options.robots);
    if (!body) return body.error();
    return LoadedRules{crawl::parse_robots(*body, options.agent), ""};
  }
  http::Request request;
  request.url = options.robots;
  request.max_redirects = 5;  // RFC 9309 §2.3.1.2
  http::ClientOptions client;
  client.user_agent = std::string("gleaner/") + GLEANER_VERSION + " (web scraper)";
  http::Response response = fetch_once(std::move(request), client);
  if (response.error == http::TransportError::too_many_redirects) {
    return LoadedRules{crawl::RobotsRules::allow_all(), "robots.txt redirects too often: all allowed"};
  }
  if (response.failed()) {
    return LoadedRules{crawl::RobotsRules::disallow_all(),
                       response.error_message + ": all disallowed (RFC 9309 §2.3.1.4)"};
  }
  const std::string status = std::to_string(response.status);
  if (response.status >= 500) {
    return LoadedRules{crawl::RobotsRules::disallow_all(), "robots.txt answered " + status + ": all disallowed"};
  }
  if (response.status >= 400) {
    return LoadedRules{crawl::RobotsRules::allow_all(), "robots.txt answered " + status + ": all allowed"};
  }
  return LoadedRules{crawl::parse_robots(response.body, options.agent), ""};
}

// What the rules are asked about: the path and query of a URL, or a path as given.
std::optional<std::string> path_of(const std::string& argument) {
  if (!argument.empty() && argument.front() == '/') return argument;
  auto url = Url::parse(argument);
  if (!url || !url->is_http()) return std::nullopt;
  return std::string(url->path_and_query());
}

std::string explain(const crawl::RobotsDecision& decision, const std::string& note) {
  if (decision.rule) {
    return std::string(decision.rule->allow ? "Allow: " : "Disallow: ") + decision.rule->pattern + " (line " +
           std::to_string(decision.rule->line) + ")";
  }
  return note.empty() ? "(no rule matches)" : "(" + note + ")";
}

}  // namespace

int run_robots(const RobotsOptions& options) {
  auto loaded = load_rules(options);
  if (!loaded) {
    std::fprintf(stderr, "gleaner: %s\n", loaded.error().message.c_str());
    return exit_usage;
  }
  bool all_allowed = true;
  for (const std::string& argument : options.urls) {
    const auto path = path_of(argument);
    if (!path) {
      std::fprintf(stderr, "gleaner: \"%s\": expected an http(s) URL or a path starting with '/'\n",
                   argument.c_str());
      return exit_usage;
    }
    const crawl::RobotsDecision decision = loaded->rules.decide(*path);
    all_allowed = all_allowed && decision.allowed;
    std::printf("%s %s  %s\n", decision.allowed ? "allowed" : "disallowed", argument.c_str(),
                explain(decision, loaded->note).c_str());
  }
  return all_allowed ? exit_ok : exit_no_match;
}

}  // namespace gleaner::cli
