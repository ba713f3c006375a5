#include "shell/Unquote.h"

namespace restage::shell {

namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool is_name(std::string_view text) {
    if (text.empty() || !is_name_start(text.front())) return false;
    for (const char c : text) {
        if (!is_name_char(c)) return false;
    }
    return true;
}

std::string unescape_double_quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const char next = text[i + 1];
        if (next == '\n') {
            ++i;  // line continuation
        } else if (next == '\r' && i + 2 < text.size() && text[i + 2] == '\n') {
            i += 2;
        } else if (next == '$' || next == '`' || next == '"' || next == '\\') {
            out += next;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

std::string decode_ansi_c(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char e = body[++i];
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'e': case 'E': out += '\x1b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            case '\\': case '\'': case '"': case '?': out += e; break;
            case 'x': {
                int value = 0;
                size_t digits = 0;
                while (digits < 2 && i + 1 < body.size() && hex_value(body[i + 1]) >= 0) {
                    value = value * 16 + hex_value(body[++i]);
                    ++digits;
                }
                if (digits == 0) {
                    out += "\\x";
                } else {
                    out += static_cast<char>(value);
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int value = e - '0';
                    for (int digits = 1; digits < 3 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
                         ++digits) {
                        value = value * 8 + (body[++i] - '0');
                    }
                    out += static_cast<char>(value & 0xff);
                } else {
                    out += '\\';
                    out += e;
                }
                break;
        }
    }
    return out;
}

bool has_glob_char(std::string_view text) {
    if (text.find_first_of("*?") != std::string_view::npos) return true;
    const size_t open = text.find('[');
    return open != std::string_view::npos && text.find(']', open + 1) != std::string_view::npos;
}

void arithmetic_names(std::string_view text, std::vector<std::string>& names) {
    size_t i = 0;
    while (i < text.size()) {
        if (is_name_start(text[i])) {
            const size_t start = i;
            while (i < text.size() && is_name_char(text[i])) ++i;
            names.emplace_back(text.substr(start, i - start));
        } else if (text[i] >= '0' && text[i] <= '9') {
            // a number, possibly `16#ff` or `0x1f`: not a name
            while (i < text.size() && (is_name_char(text[i]) || text[i] == '#')) ++i;
        } else {
            ++i;
        }
    }
}

}  // namespace restage::shell
