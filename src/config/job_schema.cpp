#include "config/job_schema.hpp"

#include <climits>
#include <type_traits>

#include "config/item_schema.hpp"
#include "config/job_values.hpp"
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
      {"output", Presence::optional, [&](const Json& value, const JsonPointer& where) {
         read_output(value, where, job.output, sink);
       }},
  }, sink);
  return job;
}

}  // namespace gleaner::config
