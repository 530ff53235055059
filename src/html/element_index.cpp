#include "html/element_index.hpp"

#include <algorithm>

#include "html/ascii.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// What a key files an element under; part of the hash so that a class and an
// id of the same name stay apart.
enum class KeyKind : unsigned char { id = 1, class_name, attribute };

// FNV-1a over the kind and the bytes. Two keys that collide only share a
// bucket: the candidates grow, and matching still decides.
class KeyHash {
 public:
  explicit KeyHash(KeyKind kind) { mix(static_cast<unsigned char>(kind)); }
  void mix(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t key() const { return hash_ == 0 ? 1 : hash_; }  // 0 marks an empty bucket

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::uint64_t key_of(KeyKind kind, std::string_view text, bool fold_case = false) {
  KeyHash hash(kind);
  for (char c : text) hash.mix(static_cast<unsigned char>(fold_case ? ascii_lower(c) : c));
  return hash.key();
}

// key_of(KeyKind::attribute, name, true) for gumbo's NUL-terminated name,
// read once (no strlen first); also returns the name's length.
std::uint64_t attribute_key(const char* name, std::size_t& length) {
  KeyHash hash(KeyKind::attribute);
  const char* c = name;
  for (; *c != '\0'; ++c) hash.mix(static_cast<unsigned char>(ascii_lower(*c)));
  length = static_cast<std::size_t>(c - name);
  return hash.key();
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

thread_local std::optional<ElementIndex::Storage> ElementIndex::spare_storage_;

// This thread's last index's buffers, emptied, or new ones.
ElementIndex::Storage ElementIndex::take_storage() {
  if (!spare_storage_) return Storage{};
  Storage storage = std::move(*spare_storage_);
  spare_storage_.reset();
  storage.elements.clear();
  storage.subtree_ends.clear();
  storage.postings.clear();
  std::fill(storage.buckets.begin(), storage.buckets.end(), Bucket{});
  std::fill(storage.tags.begin(), storage.tags.end(), Bucket{});
  return storage;
}

ElementIndex::ElementIndex(const GumboNode* document) : root_(document), storage_(take_storage()) {
  if (storage_.buckets.empty()) storage_.buckets.resize(256);
  if (document == nullptr) return;

  // The elements whose subtrees are still open, innermost last: an element
  // closes them down to its parent, and its position ends their subtrees.
  std::vector<std::uint32_t> open;
  std::vector<const GumboNode*>& elements = storage_.elements;
  std::vector<std::uint32_t>& ends = storage_.subtree_ends;
  for (const GumboNode* node = next_in_subtree(document, document, true); node != nullptr;) {
    const bool element = is_element(node);
    if (element) {
      const auto position = static_cast<std::uint32_t>(elements.size());
      while (!open.empty() && elements[open.back()] != node->parent) {
        ends[open.back()] = position;
        open.pop_back();
      }
      file_element(node, position);
      elements.push_back(node);
      ends.push_back(0);
      open.push_back(position);
    }
    node = next_in_subtree(node, document, element && !hides_children_from_selectors(node));
  }
  for (const std::uint32_t position : open) ends[position] = static_cast<std::uint32_t>(elements.size());
}

ElementIndex::~ElementIndex() {
  if (!storage_.buckets.empty() && !spare_storage_) spare_storage_ = std::move(storage_);
}

// Files the element as the matcher will test it: its tag by gumbo's enum,
// every attribute name in lower case (names match case-insensitively), and
// the words of its first class attribute and the value of its first id
// attribute, the ones attribute() finds. One pass over the attributes.
void ElementIndex::file_element(const GumboNode* element, std::uint32_t position) {
  static const std::uint64_t id_key = key_of(KeyKind::attribute, "id");
  static const std::uint64_t class_key = key_of(KeyKind::attribute, "class");
  file_in(storage_.tags[element->v.element.tag], position);
  bool id_seen = false;
  bool class_seen = false;
  const GumboVector& attributes = element->v.element.attributes;
  for (unsigned int i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    std::size_t length = 0;
    const std::uint64_t key = attribute_key(attr->name, length);
    file_under(key, position);
    // The key only narrows it down: the name decides.
    if (key == id_key && !id_seen && ascii_iequals(std::string_view(attr->name, length), "id")) {
      id_seen = true;
      file_under(key_of(KeyKind::id, attr->value), position);
    } else if (key == class_key && !class_seen && ascii_iequals(std::string_view(attr->name, length), "class")) {
      class_seen = true;
      for_each_word(attr->value, [&](std::string_view word) { file_under(key_of(KeyKind::class_name, word), position); });
    }
  }
}

void ElementIndex::file_in(Bucket& bucket, std::uint32_t position) {
  std::vector<Posting>& postings = storage_.postings;
  const auto posting = static_cast<std::uint32_t>(postings.size());
  if (bucket.count == 0) {
    bucket.head = posting;
  } else if (postings[bucket.tail].element == position) {
    return;  // class="a a", or two keys that collide: filed once
  } else {
    postings[bucket.tail].next = posting;
  }
  postings.push_back(Posting{position, no_posting});
  bucket.tail = posting;
  ++bucket.count;
}

ElementIndex::Bucket& ElementIndex::bucket_for(std::uint64_t key) {
  if ((keys_ + 1) * 4 > storage_.buckets.size() * 3) grow();
  const std::size_t mask = storage_.buckets.size() - 1;
  for (std::size_t slot = slot_hash(key) & mask;; slot = (slot + 1) & mask) {
    Bucket& bucket = storage_.buckets[slot];
    if (bucket.key == key) return bucket;
    if (bucket.key == 0) {
      bucket.key = key;
      ++keys_;
      return bucket;
    }
  }
}

const ElementIndex::Bucket* ElementIndex::find(std::uint64_t key) const {
  const std::size_t mask = storage_.buckets.size() - 1;
  for (std::size_t slot = slot_hash(key) & mask;; slot = (slot + 1) & mask) {
    const Bucket& bucket = storage_.buckets[slot];
    if (bucket.key == key) return &bucket;
    if (bucket.key == 0) return nullptr;
  }
}

void ElementIndex::grow() {
  std::vector<Bucket> old = std::move(storage_.buckets);
  storage_.buckets.assign(old.size() * 2, Bucket{});
  const std::size_t mask = storage_.buckets.size() - 1;
  for (const Bucket& bucket : old) {
    if (bucket.key == 0) continue;
    std::size_t slot = slot_hash(bucket.key) & mask;
    while (storage_.buckets[slot].key != 0) slot = (slot + 1) & mask;
    storage_.buckets[slot] = bucket;
  }
}

const ElementIndex::Bucket* ElementIndex::rarest_key(const CompoundSelector& compound, Bucket& absent) const {
  const Bucket* rarest = nullptr;
  auto consider_bucket = [&](const Bucket* bucket) {
    if (rarest == nullptr || bucket->count < rarest->count) rarest = bucket;
  };
  auto consider = [&](std::uint64_t key) {
    const Bucket* bucket = find(key);
    consider_bucket(bucket != nullptr ? bucket : &absent);
  };
  // A name gumbo does not know is compared by its text (has_tag_name), and
  // such elements all share GUMBO_TAG_UNKNOWN: no useful key.
  if (!compound.tag.empty() && compound.tag_id != GUMBO_TAG_UNKNOWN) consider_bucket(&storage_.tags[compound.tag_id]);
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
//
// A compound followed by a descendant or child combinator is matched by an
// ancestor of the subject: that compound's element holds the next one in its
// subtree, and a sibling of something in a subtree is in it too. So the
// subject lies in the subtree of an element of that compound's rarest bucket.
std::optional<ElementIndex::Choice> ElementIndex::choose(const ComplexSelector& selector, Bucket& absent) const {
  if (selector.compounds.empty()) return std::nullopt;
  Choice choice;
  for (std::size_t i = 0; i < selector.compounds.size(); ++i) {
    const Bucket* rarest = rarest_key(selector.compounds[i], absent);
    if (rarest == nullptr) continue;
    if (rarest->count == 0) return std::nullopt;
    const bool subject = i + 1 == selector.compounds.size();
    if (subject) {
      choice.subject = rarest;
    } else if (selector.combinators[i] == Combinator::descendant || selector.combinators[i] == Combinator::child) {
      if (choice.ancestor == nullptr || rarest->count < choice.ancestor->count) choice.ancestor = rarest;
    }
  }
  // Narrowing costs a pass over both buckets: worth it only for a rarer ancestor.
  if (choice.ancestor != nullptr && choice.subject != nullptr && choice.ancestor->count >= choice.subject->count) {
    choice.ancestor = nullptr;
  }
  return choice;
}

void ElementIndex::append_positions(const Choice& choice, std::vector<std::uint32_t>& positions) const {
  const std::vector<Posting>& postings = storage_.postings;
  const std::vector<std::uint32_t>& ends = storage_.subtree_ends;
  if (choice.ancestor == nullptr) {
    for (std::uint32_t p = choice.subject->head; p != no_posting; p = postings[p].next) {
      positions.push_back(postings[p].element);
    }
    return;
  }
  // Both in document order: an ancestor's subtree is the positions after it
  // up to its subtree's end. A nested ancestor's subtree lies in the outer
  // one's, so skipping ancestors that end before a position loses nothing.
  std::uint32_t ancestor = choice.ancestor->head;
  if (choice.subject == nullptr) {
    std::uint32_t next = 0;  // the first position not yet appended
    for (; ancestor != no_posting; ancestor = postings[ancestor].next) {
      const std::uint32_t at = postings[ancestor].element;
      for (std::uint32_t position = std::max(next, at + 1); position < ends[at]; ++position) {
        positions.push_back(position);
      }
      next = std::max(next, ends[at]);
    }
    return;
  }
  for (std::uint32_t p = choice.subject->head; p != no_posting && ancestor != no_posting; p = postings[p].next) {
    const std::uint32_t position = postings[p].element;
    while (ancestor != no_posting && ends[postings[ancestor].element] <= position) ancestor = postings[ancestor].next;
    if (ancestor != no_posting && postings[ancestor].element < position) positions.push_back(position);
  }
}

std::span<const GumboNode* const> ElementIndex::candidates(const SelectorList& list,
                                                           std::vector<const GumboNode*>& storage) const {
  Bucket absent;  // count 0: the key is on no element
  std::vector<Choice> chosen;
  for (const ComplexSelector& selector : list.selectors) {
    const std::optional<Choice> choice = choose(selector, absent);
    if (!choice) continue;
    if (choice->subject == nullptr && choice->ancestor == nullptr) return storage_.elements;
    chosen.push_back(*choice);
  }

  std::vector<std::uint32_t> positions;
  for (const Choice& choice : chosen) append_positions(choice, positions);
  // Several members: merge into document order, each element once.
  if (chosen.size() > 1) {
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  }
  storage.clear();
  storage.reserve(positions.size());
  for (const std::uint32_t position : positions) storage.push_back(storage_.elements[position]);
  return storage;
}

}  // namespace gleaner::html
