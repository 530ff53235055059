#include "config/job_schema.hpp"

#include <climits>
#include <type_traits>

#include "config/http_schema.hpp"
#include "config/item_schema.hpp"
#include "config/job_values.hpp"
#include "config/link_schema.hpp"
#include "config/object_walker.hpp"
#include "config/output_schema.hpp"
#include "config/sitemap_schema.hpp"
#include "config/state_schema.hpp"
#include "config/value_readers.hpp"

namespace gleaner::config {
namespace {

constexpr IntegerRange concurrency_range{1, 1024};
constexpr IntegerRange max_pages_range{0, LONG_MAX};
constexpr IntegerRange max_queued_in_memory_range{100, LONG_MAX};
constexpr IntegerRange max_depth_range{0, INT_MAX};

// `may_be_empty`: the job lists sitemaps, which are URLs enough to start from.
void read_start_urls(const Json& value, const JsonPointer& where, bool may_be_empty, Job& job,
                     Diagnostics& sink) {
  constexpr std::string_view expected = "a non-empty array of start URLs";
  if (value.is_array() && value.empty() && !may_be_empty) {
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
  const bool has_sitemaps = lists_sitemaps(document);
  walk_object(document, JsonPointer(), "a job object", {
      {"name", Presence::required, [&](const Json& value, const JsonPointer& where) {
         if (auto name = read_job_name(value, where, sink)) job.name = std::move(*name);
       }},
      {"start_urls", has_sitemaps ? Presence::optional : Presence::required,
       [&](const Json& value, const JsonPointer& where) { read_start_urls(value, where, has_sitemaps, job, sink); }},
      {"sitemaps", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_sitemap_urls(value, where, job.sitemaps, sink);
       }},
      {"sitemaps_from_robots", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         if (auto from_robots = read_bool(value, where, sink)) job.sitemaps.from_robots = *from_robots;
       }},
      {"sitemap_since", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_sitemap_since(value, where, job.sitemaps, sink);
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
      {"max_queued_in_memory", Presence::optional, integer(job.max_queued_in_memory, max_queued_in_memory_range)},
      {"max_error_rate", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         if (auto rate = read_number(value, where, {0, 1, "a share of URLs from 0 to 1"}, sink)) {
           job.max_error_rate = *rate;
         }
       }},
      {"state", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_state_path(value, where, job, sink);
       }},
      {"emit", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_emit(value, where, job, sink);
       }},
      {"recrawl_after", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_recrawl_after(value, where, job, sink);
       }},
      {"max_runtime", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_max_runtime(value, where, job, sink);
       }},
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
      {"download", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_download(value, where, job.download, sink);
       }},
  }, sink);
  return job;
}

}  // namespace gleaner::config
