#include "html/element_index.hpp"

#include <algorithm>

#include "html/ascii.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// What a key files an element under; part of the hash so that a class and an
// id of the same name stay apart.
enum class KeyKind : unsigned char { tag = 1, id, class_name, attribute };

// FNV-1a over the kind and the bytes. Two keys that collide only share a
// bucket: the candidates grow, and matching still decides.
std::uint64_t key_of(KeyKind kind, std::string_view text, bool fold_case = false) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  };
  mix(static_cast<unsigned char>(kind));
  for (char c : text) mix(static_cast<unsigned char>(fold_case ? ascii_lower(c) : c));
  return hash == 0 ? 1 : hash;  // 0 marks an empty bucket
}

std::uint64_t tag_key(GumboTag tag) {
  const char bytes[2] = {static_cast<char>(tag & 0xff), static_cast<char>(tag >> 8)};
  return key_of(KeyKind::tag, std::string_view(bytes, 2));
}

// Spreads the FNV bits over the table's low bits (splitmix64's finalizer).
std::size_t slot_hash(std::uint64_t key) {
  key ^= key >> 30;
  key *= 0xbf58476d1ce4e5b9ULL;
  key ^= key >> 27;
  key *= 0x94d049bb133111ebULL;
  key ^= key >> 31;
  return static_cast<std::size_t>(key);
}

// Calls `visit` with each ASCII-whitespace-separated word of `list`.
template <class Visit>
void for_each_word(std::string_view list, Visit visit) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_ascii_whitespace(list[i])) ++i;
    const std::size_t start = i;
    while (i < list.size() && !is_ascii_whitespace(list[i])) ++i;
    if (i > start) visit(list.substr(start, i - start));
  }
}

}  // namespace

ElementIndex::ElementIndex(const GumboNode* document) : root_(document), buckets_(256) {
  if (document == nullptr) return;
  for (const GumboNode* node = next_in_subtree(document, document, true); node != nullptr;) {
    const bool element = is_element(node);
    if (element) {
      file_element(node, static_cast<std::uint32_t>(elements_.size()));
      elements_.push_back(node);
    }
    node = next_in_subtree(node, document, element && !hides_children_from_selectors(node));
  }
}

// Files the element as the matcher will test it: its tag by gumbo's enum,
// every attribute name in lower case (names match case-insensitively), and
// the words of its first class attribute and the value of its first id
// attribute, the ones attribute() finds. One pass over the attributes.
void ElementIndex::file_element(const GumboNode* element, std::uint32_t position) {
  file_under(tag_key(element->v.element.tag), position);
  bool id_seen = false;
  bool class_seen = false;
  const GumboVector& attributes = element->v.element.attributes;
  for (unsigned int i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    const std::string_view name = attr->name;
    file_under(key_of(KeyKind::attribute, name, true), position);
    if (!id_seen && ascii_iequals(name, "id")) {
      id_seen = true;
      file_under(key_of(KeyKind::id, attr->value), position);
    } else if (!class_seen && ascii_iequals(name, "class")) {
      class_seen = true;
      for_each_word(attr->value, [&](std::string_view word) { file_under(key_of(KeyKind::class_name, word), position); });
    }
  }
}

void ElementIndex::file_under(std::uint64_t key, std::uint32_t position) {
  Bucket& bucket = bucket_for(key);
  const auto posting = static_cast<std::uint32_t>(postings_.size());
  if (bucket.count == 0) {
    bucket.head = posting;
  } else if (postings_[bucket.tail].element == position) {
    return;  // class="a a", or two keys that collide: filed once
  } else {
    postings_[bucket.tail].next = posting;
  }
  postings_.push_back(Posting{position, no_posting});
  bucket.tail = posting;
  ++bucket.count;
}

ElementIndex::Bucket& ElementIndex::bucket_for(std::uint64_t key) {
  if ((keys_ + 1) * 4 > buckets_.size() * 3) grow();
  const std::size_t mask = buckets_.size() - 1;
  for (std::size_t slot = slot_hash(key) & mask;; slot = (slot + 1) & mask) {
    Bucket& bucket = buckets_[slot];
    if (bucket.key == key) return bucket;
    if (bucket.key == 0) {
      bucket.key = key;
      ++keys_;
      return bucket;
    }
  }
}

const ElementIndex::Bucket* ElementIndex::find(std::uint64_t key) const {
  const std::size_t mask = buckets_.size() - 1;
  for (std::size_t slot = slot_hash(key) & mask;; slot = (slot + 1) & mask) {
    const Bucket& bucket = buckets_[slot];
    if (bucket.key == key) return &bucket;
    if (bucket.key == 0) return nullptr;
  }
}

void ElementIndex::grow() {
  std::vector<Bucket> old = std::move(buckets_);
  buckets_.assign(old.size() * 2, Bucket{});
  const std::size_t mask = buckets_.size() - 1;
  for (const Bucket& bucket : old) {
    if (bucket.key == 0) continue;
    std::size_t slot = slot_hash(bucket.key) & mask;
    while (buckets_[slot].key != 0) slot = (slot + 1) & mask;
    buckets_[slot] = bucket;
  }
}

const ElementIndex::Bucket* ElementIndex::rarest_key(const CompoundSelector& compound, Bucket& absent) const {
  const Bucket* rarest = nullptr;
  auto consider = [&](std::uint64_t key) {
    const Bucket* bucket = find(key);
    if (bucket == nullptr) bucket = &absent;
    if (rarest == nullptr || bucket->count < rarest->count) rarest = bucket;
  };
  // A name gumbo does not know is compared by its text (has_tag_name), and
  // such elements all share GUMBO_TAG_UNKNOWN: no useful key.
  if (!compound.tag.empty() && compound.tag_id != GUMBO_TAG_UNKNOWN) consider(tag_key(compound.tag_id));
  for (const std::string& id : compound.ids) consider(key_of(KeyKind::id, id));
  for (const std::string& name : compound.classes) consider(key_of(KeyKind::class_name, name));
  for (const AttributeSelector& selector : compound.attributes) {
    consider(key_of(KeyKind::attribute, selector.name, true));
  }
  return rarest;
}

// Every compound of a match is matched by an element of this document (the
// subject, its ancestors, their earlier siblings), all of them filed here:
// a compound that requires a key no element has rules the selector out.
// Jobs list follow rules for every kind of page (`ul.pagination a.next`) and
// most of them find nothing on most pages; this answers those at once.
bool ElementIndex::cannot_match(const ComplexSelector& selector, Bucket& absent) const {
  if (selector.compounds.empty()) return true;
  for (const CompoundSelector& compound : selector.compounds) {
    const Bucket* rarest = rarest_key(compound, absent);
    if (rarest != nullptr && rarest->count == 0) return true;
  }
  return false;
}

std::span<const GumboNode* const> ElementIndex::candidates(const SelectorList& list,
                                                           std::vector<const GumboNode*>& storage) const {
  Bucket absent;  // count 0: the key is on no element
  std::vector<const Bucket*> chosen;
  for (const ComplexSelector& selector : list.selectors) {
    if (cannot_match(selector, absent)) continue;
    const Bucket* bucket = rarest_key(selector.compounds.back(), absent);
    if (bucket == nullptr) return elements_;
    chosen.push_back(bucket);
  }

  storage.clear();
  if (chosen.size() == 1) {
    storage.reserve(chosen.front()->count);
    for (std::uint32_t p = chosen.front()->head; p != no_posting; p = postings_[p].next) {
      storage.push_back(elements_[postings_[p].element]);
    }
    return storage;
  }
  // Several members: merge their buckets into document order, each element once.
  std::vector<std::uint32_t> positions;
  for (const Bucket* bucket : chosen) {
    for (std::uint32_t p = bucket->head; p != no_posting; p = postings_[p].next) {
      positions.push_back(postings_[p].element);
    }
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  storage.reserve(positions.size());
  for (std::uint32_t position : positions) storage.push_back(elements_[position]);
  return storage;
}

}  // namespace gleaner::html
