#pragma once

#include <string>
#include <string_view>

#include <antlr4-runtime.h>

namespace restage::shell {

/// An ANTLR char stream over raw bytes: each byte is one code point (0-255),
/// so token indexes are byte offsets and no input can fail UTF-8 decoding.
/// Does not own the bytes; they must outlive the parse.
class ShellCharStream final : public antlr4::CharStream {
public:
    void load(std::string_view bytes);

    void consume() override;
    size_t LA(ssize_t i) override;
    ssize_t mark() override { return -1; }
    void release(ssize_t /*marker*/) override {}
    size_t index() override { return position_; }
    void seek(size_t index) override;
    size_t size() override { return bytes_.size(); }
    std::string getSourceName() const override { return "<shell>"; }
    std::string getText(const antlr4::misc::Interval& interval) override;
    std::string toString() const override { return std::string(bytes_); }

private:
    std::string_view bytes_;
    size_t position_ = 0;
};

}  // namespace restage::shell
