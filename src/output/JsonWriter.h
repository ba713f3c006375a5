#pragma once
// Appends compact JSON to a string as it goes, byte for byte what
// nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) prints, but
// without building a tree of values first: one buffer, no allocation per
// value. Used where output is large and simple (parse --format buildkit-json).
#include <cstddef>
#include <string>
#include <string_view>

namespace restage::output {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& beginObject() { return punct('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return punct('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::size_t n);

 private:
  JsonWriter& punct(char c);
  JsonWriter& close(char c);
  void separate();
  void string(std::string_view s);

  std::string& out_;
  bool needComma_ = false;
};

}  // namespace restage::output
