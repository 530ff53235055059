#include "config/link_schema.hpp"

#include <algorithm>
#include <climits>

#include "config/job_values.hpp"
#include "config/object_walker.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

constexpr IntegerRange max_url_length_range{0, INT_MAX};
constexpr IntegerRange max_pages_per_host_range{0, LONG_MAX};

// Characters that cannot be part of a query parameter's name as written.
bool is_parameter_glob(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    return c == '&' || c == '=' || c == '#' || static_cast<unsigned char>(c) <= 0x20;
  });
}

void read_patterns(const Json& value, const JsonPointer& where,
                   std::vector<std::shared_ptr<const re2::RE2>>& patterns, Diagnostics& sink) {
  for_each_element(value, where, "an array of regular expression strings (RE2 syntax)",
                   [&](const Json& element, const JsonPointer& at) {
                     if (auto pattern = read_url_pattern(element, at, sink)) patterns.push_back(std::move(pattern));
                   },
                   sink);
}

void read_strip_query_params(const Json& value, const JsonPointer& where, LinkSettings& links,
                             Diagnostics& sink) {
  std::vector<std::string> globs;
  const bool is_array = for_each_element(
      value, where, "an array of query parameter names",
      [&](const Json& element, const JsonPointer& at) {
        if (!element.is_string() || !is_parameter_glob(element.get_ref<const std::string&>())) {
          sink.expected(at, "a query parameter name or glob such as \"utm_*\"", element);
          return;
        }
        globs.push_back(element.get<std::string>());
      },
      sink);
  if (is_array) links.strip_query_params = std::move(globs);
}

void read_order(const Json& value, const JsonPointer& where, LinkSettings& links, Diagnostics& sink) {
  if (auto order = read_choice<CrawlOrder>(
          value, where, {{"breadth_first", CrawlOrder::breadth_first}, {"depth_first", CrawlOrder::depth_first}},
          sink)) {
    links.order = *order;
  }
}

void read_priority(const Json& value, const JsonPointer& where, LinkSettings& links, Diagnostics& sink) {
  constexpr IntegerRange priority_range{-1000, 1000};
  for_each_element(value, where, "an array of {\"pattern\", \"priority\"} objects",
                   [&](const Json& element, const JsonPointer& at) {
                     PriorityRule rule;
                     bool complete = true;
                     walk_object(element, at, "an object with \"pattern\" and \"priority\"", {
                         {"pattern", Presence::required, [&](const Json& text, const JsonPointer& pointer) {
                            rule.pattern = read_url_pattern(text, pointer, sink);
                            complete = complete && rule.pattern;
                          }},
                         {"priority", Presence::required, [&](const Json& number, const JsonPointer& pointer) {
                            auto priority = read_integer(number, pointer, priority_range, sink);
                            if (priority) rule.priority = static_cast<int>(*priority);
                            complete = complete && priority;
                          }},
                     }, sink);
                     if (complete && rule.pattern) links.priority.push_back(std::move(rule));
                   },
                   sink);
}

}  // namespace

void read_links(const Json& value, const JsonPointer& where, LinkSettings& links, Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"allow", Presence::optional, [&](const Json& list, const JsonPointer& at) {
         read_patterns(list, at, links.allow, sink);
       }},
      {"deny", Presence::optional, [&](const Json& list, const JsonPointer& at) {
         read_patterns(list, at, links.deny, sink);
       }},
      {"max_url_length", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto length = read_integer(number, at, max_url_length_range, sink)) {
           links.max_url_length = static_cast<long>(*length);
         }
       }},
      {"max_pages_per_host", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto pages = read_integer(number, at, max_pages_per_host_range, sink)) {
           links.max_pages_per_host = static_cast<long>(*pages);
         }
       }},
      {"strip_query_params", Presence::optional, [&](const Json& list, const JsonPointer& at) {
         read_strip_query_params(list, at, links, sink);
       }},
      {"sort_query", Presence::optional, [&](const Json& flag, const JsonPointer& at) {
         if (auto sort = read_bool(flag, at, sink)) links.sort_query = *sort;
       }},
      {"order", Presence::optional, [&](const Json& text, const JsonPointer& at) {
         read_order(text, at, links, sink);
       }},
      {"priority", Presence::optional, [&](const Json& list, const JsonPointer& at) {
         read_priority(list, at, links, sink);
       }},
      {"trap_guard", Presence::optional, [&](const Json& flag, const JsonPointer& at) {
         if (auto guard = read_bool(flag, at, sink)) links.trap_guard = *guard;
       }},
  }, sink);
}

}  // namespace gleaner::config
