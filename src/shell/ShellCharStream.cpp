#include "shell/ShellCharStream.h"

#include <algorithm>

namespace restage::shell {

void ShellCharStream::load(std::string_view bytes) {
    bytes_ = bytes;
    position_ = 0;
}

void ShellCharStream::consume() {
    // ANTLR never consumes past EOF; if it did, staying put is the safe answer.
    if (position_ < bytes_.size()) ++position_;
}

size_t ShellCharStream::LA(ssize_t i) {
    if (i == 0) return 0;  // undefined per the IntStream contract
    const auto at = static_cast<ssize_t>(position_) + (i > 0 ? i - 1 : i);
    if (at < 0 || at >= static_cast<ssize_t>(bytes_.size())) return antlr4::IntStream::EOF;
    return static_cast<unsigned char>(bytes_[static_cast<size_t>(at)]);
}

void ShellCharStream::seek(size_t index) {
    position_ = std::min(index, bytes_.size());
}

std::string ShellCharStream::getText(const antlr4::misc::Interval& interval) {
    const ssize_t size = static_cast<ssize_t>(bytes_.size());
    const ssize_t start = std::max<ssize_t>(interval.a, 0);
    const ssize_t stop = std::min<ssize_t>(interval.b, size - 1);
    if (start > stop) return {};
    return std::string(bytes_.substr(static_cast<size_t>(start), static_cast<size_t>(stop - start + 1)));
}

}  // namespace restage::shell
