class Gh {
  String auth() { return "token " + "ghp_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz"; } // ruleid
}
