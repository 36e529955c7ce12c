class A {
  run() {
    return 1;
  }
}
class B {
  run() {
    return 1;
  }
}
