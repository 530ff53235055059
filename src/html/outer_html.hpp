// Serializes a gumbo node back to HTML, as a browser's outerHTML does (HTML
// §13.3 "Serializing HTML fragments"). `gleaner select` prints matches with it.
#pragma once

#include <gumbo.h>

#include <string>

namespace gleaner::html {

// The node and everything below it: start tag with its attributes, children,
// end tag (none for void elements such as <br>). Text is escaped except inside
// raw-text elements (<script>, <style>, ...); a <template> shows its contents.
// Works without recursion, so any depth is fine.
std::string outer_html(const GumboNode* node);

}  // namespace gleaner::html
