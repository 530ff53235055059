#include "crawl/sitemap_parser.hpp"

#include <expat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gleaner::crawl {

namespace {

// Expat reports a namespaced name as "URI local"; a space cannot occur in a
// namespace URI, so it cannot be confused with one (expat rejects such URIs).
constexpr char namespace_separator = ' ';

// sitemaps.org 0.9, also as sometimes written over https, and its predecessor
// from Google (the same schema, still served by old generators). A document
// with no namespace at all is accepted too: it is common in the wild.
constexpr std::array<std::string_view, 3> sitemap_namespaces = {
    "http://www.sitemaps.org/schemas/sitemap/0.9",
    "https://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.google.com/schemas/sitemap/0.84",
};

// Work in slices this big: XML_Parse and zlib count in int / uInt, and a
// slice bounds how far past the size limit a single call can go.
constexpr std::size_t slice_bytes = 256 * 1024;
constexpr std::size_t inflate_buffer_bytes = 64 * 1024;
constexpr std::size_t max_lastmod_bytes = 64;

struct Name {
  std::string_view uri;  // "" when the element has no namespace
  std::string_view local;
};

Name split_name(const XML_Char* raw) {
  const std::string_view name(raw);
  const auto space = name.rfind(namespace_separator);
  if (space == std::string_view::npos) return {{}, name};
  return {name.substr(0, space), name.substr(space + 1)};
}

bool in_sitemap_namespace(std::string_view uri) {
  return uri.empty() ||
         std::find(sitemap_namespaces.begin(), sitemap_namespaces.end(), uri) != sitemap_namespaces.end();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool all_space(std::string_view text) { return std::all_of(text.begin(), text.end(), is_space); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// For messages: a name from the document, cut so a hostile one stays readable.
std::string quoted_element(std::string_view local) {
  constexpr std::size_t max_shown = 64;
  if (local.size() > max_shown) return "<" + std::string(local.substr(0, max_shown)) + "...>";
  return "<" + std::string(local) + ">";
}

}  // namespace

struct SitemapParser::State {
  enum class Encoding { undecided, plain, gzip };
  enum class Where { before_root, in_root, in_entry, in_field, after_root };
  enum class Field { loc, lastmod };

  // A field's text as it arrives in pieces, bounded: whitespace around the
  // value is dropped, anything else past `limit` makes the value too long.
  struct Text {
    std::string value;
    std::size_t limit = 0;
    bool space_dropped = false;
    bool too_long = false;

    void reset(std::size_t new_limit) {
      value.clear();
      limit = new_limit;
      space_dropped = false;
      too_long = false;
    }
    void append(std::string_view piece) {
      if (too_long) return;
      if (value.empty()) {
        while (!piece.empty() && is_space(piece.front())) piece.remove_prefix(1);
        if (piece.empty()) return;
      }
      if (value.size() + piece.size() <= limit && !space_dropped) {
        value.append(piece);
        return;
      }
      if (all_space(piece)) {
        space_dropped = true;  // only an error if more text follows it
        return;
      }
      too_long = true;
      value.clear();
    }
  };

  OnEntry on_entry;
  SitemapLimits limits;
  XML_Parser xml = nullptr;

  Encoding encoding = Encoding::undecided;
  char first_byte = 0;  // held while one byte cannot tell gzip from plain
  bool holding_first_byte = false;
  z_stream zlib{};
  bool zlib_ready = false;
  bool gzip_ended = false;  // a gzip member was read to its end; more may follow
  std::vector<unsigned char> inflated;
  std::size_t document_bytes = 0;  // given to expat, after gunzip

  SitemapKind kind = SitemapKind::unknown;
  Where where = Where::before_root;
  int ignore_depth = 0;  // > 0 inside an element we do not read, with its subtree
  Field field = Field::loc;
  Text text;
  SitemapEntry entry;
  bool has_loc = false;
  bool loc_too_long = false;
  std::size_t seen_entries = 0;
  std::size_t delivered = 0;
  std::size_t skipped = 0;

  std::optional<Error> error;  // final once set
  std::exception_ptr exception;  // thrown by on_entry, rethrown from feed()
  bool finished = false;

  State(OnEntry callback, SitemapLimits chosen) : on_entry(std::move(callback)), limits(chosen) {
    xml = XML_ParserCreateNS(nullptr, namespace_separator);
    if (xml == nullptr) throw std::bad_alloc();
    XML_SetUserData(xml, this);
    XML_SetElementHandler(xml, &State::on_start, &State::on_end);
    XML_SetCharacterDataHandler(xml, &State::on_text);
    // No external DTD or parameter entities, ever; expat does no I/O itself,
    // but this keeps an external subset from changing how the document reads.
    XML_SetParamEntityParsing(xml, XML_PARAM_ENTITY_PARSING_NEVER);
    // A sitemap has no use for entities of its own: refusing their declaration
    // stops XXE and billion laughs before anything is expanded.
    XML_SetEntityDeclHandler(xml, &State::on_entity_declaration);
  }

  ~State() {
    XML_ParserFree(xml);
    if (zlib_ready) inflateEnd(&zlib);
  }

  State(const State&) = delete;
  State& operator=(const State&) = delete;

  std::string position() const {
    return "sitemap line " + std::to_string(XML_GetCurrentLineNumber(xml)) + ", column " +
           std::to_string(XML_GetCurrentColumnNumber(xml) + 1);
  }

  Result<void> fail(std::string what) {
    error = make_error(ErrorKind::parse, position() + ": " + what);
    return *error;
  }

  // From inside an expat handler: remember why, and make XML_Parse return.
  void stop(std::string what) {
    if (!error) error = make_error(ErrorKind::parse, position() + ": " + what);
    XML_StopParser(xml, XML_FALSE);
  }

  // After XML_Parse returned: our own reason if a handler stopped it, else expat's.
  Result<void> xml_failure(bool at_end) {
    if (exception) {
      if (!error) error = make_error(ErrorKind::parse, position() + ": the entry callback threw");
      std::rethrow_exception(std::exchange(exception, nullptr));
    }
    if (error) return *error;
    const XML_Error code = XML_GetErrorCode(xml);
    std::string what = XML_ErrorString(code);
    if (at_end && code == XML_ERROR_NO_ELEMENTS && where == Where::before_root) {
      what += ", expected <urlset> or <sitemapindex>";
    } else if (at_end && (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
                          code == XML_ERROR_PARTIAL_CHAR || code == XML_ERROR_UNCLOSED_CDATA_SECTION)) {
      what = "document ends early (" + what + "), truncated download?";
    }
    return fail(std::move(what));
  }

  Result<void> parse_document(std::string_view data) {
    while (!data.empty()) {
      const std::size_t allowed = limits.max_bytes - document_bytes;
      const std::string_view slice = data.substr(0, std::min({data.size(), slice_bytes, allowed}));
      if (!slice.empty()) {
        document_bytes += slice.size();
        if (XML_Parse(xml, slice.data(), static_cast<int>(slice.size()), XML_FALSE) != XML_STATUS_OK) {
          return xml_failure(false);
        }
        data.remove_prefix(slice.size());
      }
      if (!data.empty() && document_bytes == limits.max_bytes) {
        return fail("document larger than " + std::to_string(limits.max_bytes) +
                    " bytes (uncompressed); sitemaps.org allows 50 MB");
      }
    }
    return {};
  }

  Result<void> inflate_some(std::string_view data) {
    if (!zlib_ready) {
      // 16 + MAX_WBITS: gzip framing only, as the magic bytes promised.
      if (inflateInit2(&zlib, 16 + MAX_WBITS) != Z_OK) return fail("cannot start gzip decoder");
      zlib_ready = true;
      inflated.resize(inflate_buffer_bytes);
    }
    while (!data.empty()) {
      const std::string_view slice = data.substr(0, slice_bytes);
      data.remove_prefix(slice.size());
      if (gzip_ended) {
        // RFC 1952 §2.2: a file may hold several members, read one after another.
        inflateReset(&zlib);
        gzip_ended = false;
      }
      zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(slice.data()));
      zlib.avail_in = static_cast<uInt>(slice.size());
      do {
        zlib.next_out = inflated.data();
        zlib.avail_out = static_cast<uInt>(inflated.size());
        const int status = inflate(&zlib, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
          return fail(std::string("corrupt gzip data (") + (zlib.msg != nullptr ? zlib.msg : "zlib error") + ")");
        }
        const std::size_t produced = inflated.size() - zlib.avail_out;
        if (auto parsed = parse_document({reinterpret_cast<const char*>(inflated.data()), produced}); !parsed) {
          return parsed;
        }
        if (status == Z_STREAM_END) {
          if (zlib.avail_in == 0) {
            gzip_ended = true;
            break;
          }
          inflateReset(&zlib);
        } else if (status == Z_BUF_ERROR) {
          break;  // needs more input
        }
      } while (zlib.avail_in > 0 || zlib.avail_out == 0);
    }
    return {};
  }

  Result<void> consume(std::string_view data) {
    if (encoding == Encoding::gzip) return inflate_some(data);
    return parse_document(data);
  }

  // Expat handlers: nothing may be thrown through expat's C frames.

  static void on_start(void* user, const XML_Char* raw_name, const XML_Char** /*attributes*/) {
    auto& self = *static_cast<State*>(user);
    try {
      self.start_element(split_name(raw_name));
    } catch (...) {
      self.exception = std::current_exception();
      XML_StopParser(self.xml, XML_FALSE);
    }
  }

  static void on_end(void* user, const XML_Char* /*name*/) {
    auto& self = *static_cast<State*>(user);
    try {
      self.end_element();
    } catch (...) {
      self.exception = std::current_exception();
      XML_StopParser(self.xml, XML_FALSE);
    }
  }

  static void on_text(void* user, const XML_Char* text, int length) {
    auto& self = *static_cast<State*>(user);
    if (self.ignore_depth == 0 && self.where == Where::in_field) {
      try {
        self.text.append({text, static_cast<std::size_t>(length)});
      } catch (...) {
        self.exception = std::current_exception();
        XML_StopParser(self.xml, XML_FALSE);
      }
    }
  }

  static void on_entity_declaration(void* user, const XML_Char* /*name*/, int /*is_parameter*/,
                                    const XML_Char* /*value*/, int /*value_length*/, const XML_Char* /*base*/,
                                    const XML_Char* /*system_id*/, const XML_Char* /*public_id*/,
                                    const XML_Char* /*notation*/) {
    auto& self = *static_cast<State*>(user);
    try {
      self.stop("the DTD declares an entity; sitemaps may not (XXE and billion-laughs guard)");
    } catch (...) {
      self.exception = std::current_exception();
      XML_StopParser(self.xml, XML_FALSE);
    }
  }

  void start_element(Name name) {
    if (ignore_depth > 0) {
      ++ignore_depth;
      return;
    }
    const bool ours = in_sitemap_namespace(name.uri);
    switch (where) {
      case Where::before_root:
        if (ours && name.local == "urlset") {
          kind = SitemapKind::urlset;
        } else if (ours && name.local == "sitemapindex") {
          kind = SitemapKind::sitemapindex;
        } else {
          std::string found = quoted_element(name.local);
          if (!name.uri.empty()) found += " in namespace \"" + std::string(name.uri.substr(0, 100)) + "\"";
          stop("expected <urlset> or <sitemapindex> as the root element, found " + found);
          return;
        }
        where = Where::in_root;
        return;
      case Where::in_root:
        if (ours && name.local == (kind == SitemapKind::urlset ? "url" : "sitemap")) {
          where = Where::in_entry;
          entry = SitemapEntry{};
          has_loc = false;
          loc_too_long = false;
        } else {
          ignore_depth = 1;
        }
        return;
      case Where::in_entry:
        if (ours && name.local == "loc") {
          field = Field::loc;
          text.reset(limits.max_loc_bytes);
          where = Where::in_field;
        } else if (ours && name.local == "lastmod") {
          field = Field::lastmod;
          text.reset(max_lastmod_bytes);
          where = Where::in_field;
        } else {
          ignore_depth = 1;  // changefreq, priority, image:image, xhtml:link, ...
        }
        return;
      case Where::in_field:
      case Where::after_root:
        ignore_depth = 1;
        return;
    }
  }

  void end_element() {
    if (ignore_depth > 0) {
      --ignore_depth;
      return;
    }
    switch (where) {
      case Where::in_field:
        end_field();
        where = Where::in_entry;
        return;
      case Where::in_entry:
        where = Where::in_root;
        end_entry();
        return;
      case Where::in_root:
        where = Where::after_root;
        return;
      case Where::before_root:
      case Where::after_root:
        return;
    }
  }

  void end_field() {
    if (field == Field::lastmod) {
      entry.lastmod = text.too_long ? std::nullopt : parse_w3c_datetime(text.value);
      return;
    }
    if (has_loc || loc_too_long) return;  // the first <loc> of an entry counts
    if (text.too_long) {
      loc_too_long = true;
      return;
    }
    const std::string_view loc = trim(text.value);
    if (loc.empty()) return;
    entry.loc.assign(loc);
    has_loc = true;
  }

  void end_entry() {
    if (seen_entries == limits.max_entries) {
      stop("more than " + std::to_string(limits.max_entries) + " entries; sitemaps.org allows 50,000 per file");
      return;
    }
    ++seen_entries;
    if (!has_loc) {
      ++skipped;
      return;
    }
    ++delivered;
    on_entry(kind, std::move(entry));
  }
};

SitemapParser::SitemapParser(OnEntry on_entry, SitemapLimits limits)
    : state_(std::make_unique<State>(std::move(on_entry), limits)) {}

SitemapParser::~SitemapParser() = default;
SitemapParser::SitemapParser(SitemapParser&&) noexcept = default;
SitemapParser& SitemapParser::operator=(SitemapParser&&) noexcept = default;

Result<void> SitemapParser::feed(std::string_view chunk) {
  State& s = *state_;
  if (s.error) return *s.error;
  if (s.finished) return make_error(ErrorKind::invalid_argument, "sitemap: feed() called after finish()");
  if (chunk.empty()) return {};
  if (s.encoding == State::Encoding::undecided) {
    if (!s.holding_first_byte && chunk.size() == 1) {
      s.first_byte = chunk.front();
      s.holding_first_byte = true;
      return {};
    }
    const char first = s.holding_first_byte ? s.first_byte : chunk[0];
    const char second = s.holding_first_byte ? chunk[0] : chunk[1];
    // RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b.
    const bool gzip = static_cast<unsigned char>(first) == 0x1f && static_cast<unsigned char>(second) == 0x8b;
    s.encoding = gzip ? State::Encoding::gzip : State::Encoding::plain;
    if (s.holding_first_byte) {
      s.holding_first_byte = false;
      if (auto consumed = s.consume({&s.first_byte, 1}); !consumed) return consumed;
    }
  }
  return s.consume(chunk);
}

Result<void> SitemapParser::finish() {
  State& s = *state_;
  if (s.error) return *s.error;
  if (s.finished) return {};
  if (s.holding_first_byte) {
    s.encoding = State::Encoding::plain;
    s.holding_first_byte = false;
    if (auto consumed = s.consume({&s.first_byte, 1}); !consumed) return consumed;
  }
  s.finished = true;
  if (s.encoding == State::Encoding::gzip && !s.gzip_ended) {
    return s.fail("gzip stream ends early, truncated download?");
  }
  if (XML_Parse(s.xml, nullptr, 0, XML_TRUE) != XML_STATUS_OK) return s.xml_failure(true);
  return {};
}

SitemapKind SitemapParser::kind() const { return state_->kind; }
std::size_t SitemapParser::entries() const { return state_->delivered; }
std::size_t SitemapParser::skipped() const { return state_->skipped; }

}  // namespace gleaner::crawl
