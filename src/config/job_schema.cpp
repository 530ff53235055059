#include "config/job_schema.hpp"

#include <climits>
#include <type_traits>

#include "config/item_schema.hpp"
#include "core/address_policy.hpp"
#include "config/job_values.hpp"
#include "config/link_schema.hpp"
#include "config/object_walker.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

constexpr IntegerRange concurrency_range{1, 1024};
constexpr IntegerRange max_pages_range{0, LONG_MAX};
constexpr IntegerRange max_depth_range{0, INT_MAX};

void read_start_urls(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  constexpr std::string_view expected = "a non-empty array of start URLs";
  if (value.is_array() && value.empty()) {
    sink.expected(where, expected, value);
    return;
  }
  for_each_element(value, where, expected, [&](const Json& element, const JsonPointer& at) {
    if (auto url = read_start_url(element, at, sink)) job.start_urls.push_back(std::move(*url));
  }, sink);
}

void read_allowed_domains(const Json& value, const JsonPointer& where, Job& job,
                          Diagnostics& sink) {
  for_each_element(value, where, "an array of host names",
                   [&](const Json& element, const JsonPointer& at) {
                     if (auto host = read_host_name(element, at, sink)) {
                       job.allowed_domains.push_back(std::move(*host));
                     }
                   },
                   sink);
}

void read_follow(const Json& value, const JsonPointer& where, Job& job, Diagnostics& sink) {
  for_each_element(value, where, "an array of CSS selector strings",
                   [&](const Json& element, const JsonPointer& at) {
                     if (auto selector = read_selector(element, at, sink)) {
                       job.follow_texts.push_back(std::move(selector->text));
                       job.follow.push_back(std::move(selector->selector));
                     }
                   },
                   sink);
}

void read_output(const Json& value, const JsonPointer& where, OutputSettings& output,
                 Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"path", Presence::optional, [&](const Json& path, const JsonPointer& at) {
         if (auto text = read_non_empty_string(path, at, "a non-empty file path", sink)) {
           output.path = std::move(*text);
         }
       }},
  }, sink);
}

void read_politeness(const Json& value, const JsonPointer& where, PolitenessSettings& politeness,
                     Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"per_host_concurrency", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto limit = read_integer(number, at, concurrency_range, sink)) {
           politeness.per_host_concurrency = static_cast<int>(*limit);
         }
       }},
      {"delay", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, {0, 3600, "a number of seconds from 0 to 3600"}, sink)) {
           politeness.delay_seconds = *seconds;
         }
       }},
      {"jitter", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto jitter = read_number(number, at, {0, 1, "a number from 0 to 1"}, sink)) {
           politeness.jitter = *jitter;
         }
       }},
      {"obey_robots", Presence::optional, [&](const Json& flag, const JsonPointer& at) {
         if (auto obey = read_bool(flag, at, sink)) politeness.obey_robots = *obey;
       }},
  }, sink);
}

void read_retry(const Json& value, const JsonPointer& where, RetrySettings& retry, Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"max_retries", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto count = read_integer(number, at, {0, 20}, sink)) retry.max_retries = static_cast<int>(*count);
       }},
      {"statuses", Presence::optional, [&](const Json& list, const JsonPointer& at) {
         std::vector<long> statuses;
         const bool is_array = for_each_element(list, at, "an array of HTTP status codes",
                                                [&](const Json& element, const JsonPointer& item) {
                                                  if (auto status = read_integer(element, item, {100, 599}, sink)) {
                                                    statuses.push_back(static_cast<long>(*status));
                                                  }
                                                },
                                                sink);
         if (is_array) retry.statuses = std::move(statuses);
       }},
      {"backoff", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, {0, 600, "a number of seconds from 0 to 600"}, sink)) {
           retry.backoff_seconds = *seconds;
         }
       }},
  }, sink);
}

void read_private_addresses(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  constexpr std::string_view expected = "true, false or an array of addresses and CIDR networks";
  if (value.is_boolean()) {
    http.allow_all_addresses = value.get<bool>();
    return;
  }
  for_each_element(value, where, expected, [&](const Json& element, const JsonPointer& at) {
    auto entry = read_non_empty_string(element, at, "an address, address:port or CIDR network", sink);
    if (!entry) return;
    AddressPolicy check;
    if (auto allowed = check.allow(*entry); !allowed) {
      sink.report(at, allowed.error().message);
      return;
    }
    http.allow_private_addresses.push_back(std::move(*entry));
  }, sink);
}

void read_http(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  constexpr NumberRange timeout_range{0.001, 86400, "a number of seconds from 0.001 to 86400"};
  walk_object(value, where, "an object", {
      {"user_agent", Presence::optional, [&](const Json& text, const JsonPointer& at) {
         if (auto agent = read_non_empty_string(text, at, "a non-empty User-Agent string", sink)) {
           http.user_agent = std::move(*agent);
         }
       }},
      {"connect_timeout", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, timeout_range, sink)) http.connect_timeout_seconds = *seconds;
       }},
      {"timeout", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, timeout_range, sink)) http.timeout_seconds = *seconds;
       }},
      {"max_redirects", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto count = read_integer(number, at, {0, 50}, sink)) http.max_redirects = static_cast<long>(*count);
       }},
      {"max_body_bytes", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto bytes = read_integer(number, at, {1024, 1LL << 32}, sink)) http.max_body_bytes = *bytes;
       }},
      {"allow_private_addresses", Presence::optional, [&](const Json& allowed, const JsonPointer& at) {
         read_private_addresses(allowed, at, http, sink);
       }},
  }, sink);
}

}  // namespace

Job read_job(const Json& document, Diagnostics& sink) {
  Job job;
  auto integer = [&](auto& field, IntegerRange range) {
    return [&field, range, &sink](const Json& value, const JsonPointer& where) {
      if (auto number = read_integer(value, where, range, sink)) {
        field = static_cast<std::remove_reference_t<decltype(field)>>(*number);
      }
    };
  };
  walk_object(document, JsonPointer(), "a job object", {
      {"name", Presence::required, [&](const Json& value, const JsonPointer& where) {
         if (auto name = read_job_name(value, where, sink)) job.name = std::move(*name);
       }},
      {"start_urls", Presence::required, [&](const Json& value, const JsonPointer& where) {
         read_start_urls(value, where, job, sink);
       }},
      {"allowed_domains", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_allowed_domains(value, where, job, sink);
       }},
      {"follow", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_follow(value, where, job, sink);
       }},
      {"items", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         job.items = read_items(value, where, sink);
       }},
      {"concurrency", Presence::optional, integer(job.concurrency, concurrency_range)},
      {"max_pages", Presence::optional, integer(job.max_pages, max_pages_range)},
      {"max_depth", Presence::optional, integer(job.max_depth, max_depth_range)},
      {"politeness", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_politeness(value, where, job.politeness, sink);
       }},
      {"retry", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_retry(value, where, job.retry, sink);
       }},
      {"http", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_http(value, where, job.http, sink);
       }},
      {"links", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_links(value, where, job.links, sink);
       }},
      {"output", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_output(value, where, job.output, sink);
       }},
  }, sink);
  return job;
}

}  // namespace gleaner::config
