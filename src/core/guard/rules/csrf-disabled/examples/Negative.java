class Sec {
  SecurityFilterChain chain(HttpSecurity http) throws Exception {
    http.csrf(Customizer.withDefaults());
    return http.build();
  }
}
