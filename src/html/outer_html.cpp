// HTML §13.3 "Serializing HTML fragments", over gumbo's tree.
#include "html/outer_html.hpp"

#include <string_view>

#include "html/node_text.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// HTML §13.1.2: elements that have no end tag and no contents.
bool is_void(const GumboNode* element) {
  if (!is_html_element(element)) return false;
  switch (element->v.element.tag) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// HTML §13.3: text in these is written as is.
bool holds_raw_text(const GumboNode* element) {
  if (!is_element(element) || !is_html_element(element)) return false;
  switch (element->v.element.tag) {
    case GUMBO_TAG_STYLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

// HTML §13.3 "escaping a string": & and U+00A0 always; " in attribute mode;
// < and > otherwise (and, since 2025, in attributes too).
void append_escaped(std::string& out, std::string_view text, bool attribute_mode) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '&') {
      out += "&amp;";
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      out += "&nbsp;";
      ++i;
    } else if (c == '"' && attribute_mode) {
      out += "&quot;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
}

// Foreign elements keep their camelCase names (HTML §13.2.6.5 adjusts them).
std::string serialized_tag_name(const GumboNode* element) {
  std::string name = tag_name(element);
  if (element->v.element.tag_namespace == GUMBO_NAMESPACE_SVG) {
    GumboStringPiece piece{name.data(), name.size()};
    if (const char* adjusted = gumbo_normalize_svg_tagname(&piece)) return adjusted;
  }
  return name;
}

void append_attribute_name(std::string& out, const GumboAttribute& attribute) {
  switch (attribute.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK: out += "xlink:"; break;
    case GUMBO_ATTR_NAMESPACE_XML: out += "xml:"; break;
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      if (std::string_view(attribute.name) != "xmlns") out += "xmlns:";
      break;
    case GUMBO_ATTR_NAMESPACE_NONE: break;
  }
  out += attribute.name;
}

void open(std::string& out, const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      out += '<';
      out += serialized_tag_name(node);
      const GumboVector& attributes = node->v.element.attributes;
      for (unsigned int i = 0; i < attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[i]);
        out += ' ';
        append_attribute_name(out, *attribute);
        out += "=\"";
        append_escaped(out, attribute->value, true);
        out += '"';
      }
      out += '>';
      break;
    }
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      if (holds_raw_text(node->parent)) {
        out += node->v.text.text;
      } else {
        append_escaped(out, node->v.text.text, false);
      }
      break;
    case GUMBO_NODE_COMMENT:
      out += "<!--";
      out += node->v.text.text;
      out += "-->";
      break;
    case GUMBO_NODE_DOCUMENT:
      if (node->v.document.has_doctype) {
        out += "<!DOCTYPE ";
        out += node->v.document.name;
        out += '>';
      }
      break;
  }
}

void close(std::string& out, const GumboNode* node) {
  if (!is_element(node) || is_void(node)) return;
  out += "</";
  out += serialized_tag_name(node);
  out += '>';
}

}  // namespace

std::string outer_html(const GumboNode* node) {
  std::string out;
  if (node == nullptr) return out;
  const GumboNode* current = node;
  open(out, current);
  for (;;) {
    const bool has_children = (is_element(current) && !is_void(current)) || current->type == GUMBO_NODE_DOCUMENT;
    if (has_children && child_nodes(current).size() > 0) {
      current = child_nodes(current)[0];
      open(out, current);
      continue;
    }
    // Close this node and every ancestor whose last child it ends, up to `node`.
    for (;;) {
      close(out, current);
      if (current == node) return out;
      ChildNodes siblings = child_nodes(current->parent);
      const std::size_t next = current->index_within_parent + 1;
      if (next < siblings.size()) {
        current = siblings[next];
        open(out, current);
        break;
      }
      current = current->parent;
    }
  }
}

}  // namespace gleaner::html
