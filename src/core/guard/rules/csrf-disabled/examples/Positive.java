class Sec {
  SecurityFilterChain chain(HttpSecurity http) throws Exception {
    http.csrf().disable(); // ruleid
    http.csrf(AbstractHttpConfigurer::disable); // ruleid
    return http.build();
  }
}
