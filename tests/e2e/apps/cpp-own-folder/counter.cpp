// A visit counter that keeps its state next to itself: it creates
// runs.txt and a journal in its own folder (the WORKDIR), as an app with a
// sqlite file or a server.txt does. If the folder is not writable by the user
// it runs as, it exits 1.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main() {
  int runs = 0;
  if (FILE* in = std::fopen("runs.txt", "r")) {
    if (std::fscanf(in, "%d", &runs) != 1) runs = 0;
    std::fclose(in);
  }
  ++runs;
  FILE* out = std::fopen("runs.txt", "w");
  if (!out) {
    std::perror("counter: cannot create runs.txt in its own folder");
    return 1;
  }
  std::fprintf(out, "%d\n", runs);
  std::fclose(out);

  std::ofstream journal("journal.log", std::ios::app);
  if (!journal) {
    std::cerr << "counter: cannot open journal.log\n";
    return 1;
  }
  for (int i = 1; i <= 3; ++i) journal << "entry " << i << " squares to " << i * i << "\n";
  journal.close();

  std::ifstream check("journal.log");
  std::string line;
  int lines = 0;
  while (std::getline(check, line)) ++lines;
  std::cout << "runs=" << runs << " journal_lines=" << lines << "\n";
  return 0;
}
