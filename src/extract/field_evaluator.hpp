// FieldEvaluator: computes one item's fields below its root element, with the
// transforms, types, defaults and nested shapes its FieldRules describe. Made
// per page on the worker thread that extracts it; the rules are only read.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/item_rule.hpp"
#include "core/url.hpp"
#include "extract/page.hpp"
#include "html/element_index.hpp"

namespace gleaner::extract {

class FieldEvaluator {
 public:
  // `base` resolves type "url"; conversion problems are appended to
  // `warnings`, tagged with `rule` (the item rule's index in the job).
  // `index` is the page's (html::Document::index()), or nullptr.
  FieldEvaluator(const Url& base, std::size_t rule, std::vector<FieldWarning>& warnings,
                 const html::ElementIndex* index)
      : base_(base), rule_(rule), warnings_(warnings), index_(index) {}

  // Adds `fields`, read below `root`, to the object `record` in rule order.
  // Returns the path of a required field that is missing ("price",
  // "specs/weight"): the item is dropped, and `record` is incomplete.
  std::optional<std::string> fill(const std::vector<config::FieldRule>& fields, const GumboNode* root,
                                  const std::string& path_prefix, nlohmann::ordered_json& record);

 private:
  struct Outcome {
    nlohmann::ordered_json value;
    std::optional<std::string> missing_required;  // path of the required field that is missing
  };

  Outcome evaluate(const config::FieldRule& field, const GumboNode* root, const std::string& path);
  nlohmann::ordered_json value_of(const config::FieldRule& field, const GumboNode* root, const std::string& path);
  Outcome object_of(const config::FieldRule& field, const GumboNode* root, const std::string& path);
  Outcome key_values_of(const config::FieldRule& field, const GumboNode* root, const std::string& path);

  const Url& base_;
  std::size_t rule_;
  std::vector<FieldWarning>& warnings_;
  const html::ElementIndex* index_;
};

}  // namespace gleaner::extract
