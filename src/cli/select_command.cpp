#include "cli/select_command.hpp"

#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/result_lines.hpp"
#include "extract/link_hrefs.hpp"
#include "cli/page_source.hpp"
#include "core/url.hpp"
#include "gleaner_version.hpp"
#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/outer_html.hpp"
#include "html/selector_parser.hpp"

namespace gleaner::cli {
namespace {

// Attributes whose value is a single URL (HTML's "valid URL potentially
// surrounded by spaces"); --base resolves these and leaves the rest alone.
constexpr std::array<std::string_view, 11> url_attributes = {
    "href", "src", "action", "formaction", "cite", "poster", "data", "background",
    "longdesc", "manifest", "codebase"};

bool is_url_attribute(std::string_view name) {
  for (std::string_view known : url_attributes) {
    if (known == name) return true;
  }
  return false;
}

void print_error(const std::string& message) { std::fprintf(stderr, "gleaner: %s\n", message.c_str()); }

// Pages are not always valid UTF-8; replace bad bytes rather than fail.
std::string dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json element_json(const GumboNode* element) {
  nlohmann::ordered_json attrs = nlohmann::ordered_json::object();
  const GumboVector& attributes = element->v.element.attributes;
  for (unsigned int i = 0; i < attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[i]);
    attrs[attribute->name] = attribute->value;
  }
  nlohmann::ordered_json object;
  object["tag"] = html::tag_name(element);
  object["attrs"] = std::move(attrs);
  object["text"] = html::all_text(element);
  return object;
}

// What one match prints, or nothing when it has no value for the pseudo-element.
std::optional<std::string> render(const html::Match& match, const SelectOptions& options,
                                  const std::optional<Url>& base) {
  const html::PseudoElement& pseudo = match.selector->pseudo_element;
  switch (pseudo.kind) {
    case html::PseudoElementKind::none:
      return options.json ? dump(element_json(match.element)) : html::outer_html(match.element);
    case html::PseudoElementKind::text: {
      std::string text = html::own_text(match.element);
      if (text.empty()) return std::nullopt;  // as in a job's fields
      return options.json ? dump(text) : text;
    }
    case html::PseudoElementKind::all_text: {
      std::string text = html::all_text(match.element);
      return options.json ? dump(text) : text;
    }
    case html::PseudoElementKind::attr: {
      auto value = html::attribute(match.element, pseudo.attribute);
      if (!value) return std::nullopt;
      std::string text(*value);
      if (base && is_url_attribute(pseudo.attribute)) {
        if (auto absolute = base->resolve(text)) text = absolute->str();
      }
      return options.json ? dump(text) : text;
    }
  }
  return std::nullopt;
}

}  // namespace

int run_select(const SelectOptions& options) {
  auto selector = html::parse_selector(options.selector);
  if (!selector) {
    print_error(selector.error().message);
    return exit_usage;
  }
  std::optional<Url> given_base;
  if (!options.base_url.empty()) {
    auto url = Url::parse(options.base_url);
    if (!url) {
      print_error("--base: expected an absolute URL, found \"" + options.base_url + "\"");
      return exit_usage;
    }
    given_base = std::move(*url);
  }

  http::ClientOptions client;
  client.user_agent = std::string("gleaner/") + GLEANER_VERSION + " (web scraper)";
  auto page = read_page(options.source, client);
  if (!page) {
    print_error(page.error().message);
    return exit_usage;
  }

  const html::Document document = html::Document::parse(page->html);
  std::optional<Url> base;
  if (given_base) base = extract::document_base(document, *given_base);

  ResultLines results;
  for (const html::Match& match : html::select_matches(document.root(), *selector)) {
    if (auto line = render(match, options, base)) results.print(*line);
  }
  return results.exit_code();
}

}  // namespace gleaner::cli
