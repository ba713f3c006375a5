#include <iostream>
int main(){std::cout<<"hi\n";}
