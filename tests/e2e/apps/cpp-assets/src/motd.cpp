// motd: prints the banner and the message of the day in the language given
// as argument. Both come from the assets/ folder beside the binary, opened
// relative to the working directory; without them motd exits 1.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

namespace {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path);
    if (!in) return false;
    std::ostringstream buf;
    buf << in.rdbuf();
    out = buf.str();
    return true;
}

bool read_properties(const std::string& path, std::map<std::string, std::string>& out) {
    std::string text;
    if (!read_file(path, text)) return false;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string lang = argc > 1 ? argv[1] : "en";
    std::string banner;
    if (!read_file("assets/banner.txt", banner)) {
        std::cerr << "motd: cannot open assets/banner.txt\n";
        return 1;
    }
    std::map<std::string, std::string> messages;
    const std::string path = "assets/messages/" + lang + ".properties";
    if (!read_properties(path, messages)) {
        std::cerr << "motd: cannot open " << path << "\n";
        return 1;
    }
    std::cout << banner << "\n";
    for (const auto& [key, text] : messages) {
        std::cout << key << ": " << text << "\n";
    }
    std::cout << "lang=" << lang << " messages=" << messages.size() << "\n";
    return 0;
}
