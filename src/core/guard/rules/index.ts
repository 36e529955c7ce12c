// Owns the list of built-in guard rules: one folder per rule (rule.json + examples/), imported
// statically so the bundles carry them (no runtime reads of src/). Checked when loaded: a rule with
// a bad regex fails here, not on the first scan. Add a folder, then add it below.
import type { GuardRule } from './types';
import { checkRules } from './check';
import commandInjection from './command-injection/rule.json';
import commandInjectionOsExec from './command-injection-os-exec/rule.json';
import commandInjectionProgram from './command-injection-program/rule.json';
import commandInjectionShellOption from './command-injection-shell-option/rule.json';
import cookieHttponlyDisabled from './cookie-httponly-disabled/rule.json';
import cookieInsecure from './cookie-insecure/rule.json';
import corsWildcardCredentials from './cors-wildcard-credentials/rule.json';
import csrfDisabled from './csrf-disabled/rule.json';
import debugModeEnabled from './debug-mode-enabled/rule.json';
import domXss from './dom-xss/rule.json';
import dynamicEval from './dynamic-eval/rule.json';
import expressionLanguageInjection from './expression-language-injection/rule.json';
import hardcodedConnectionPassword from './hardcoded-connection-password/rule.json';
import hardcodedCredentialArgument from './hardcoded-credential-argument/rule.json';
import hardcodedCryptoKey from './hardcoded-crypto-key/rule.json';
import hardcodedSqlPassword from './hardcoded-sql-password/rule.json';
import hardcodedSecret from './hardcoded-secret/rule.json';
import headerInjection from './header-injection/rule.json';
import insecureRandomness from './insecure-randomness/rule.json';
import insecureTempFile from './insecure-temp-file/rule.json';
import insecureTlsConnectionOption from './insecure-tls-connection-option/rule.json';
import javaAcceptAllTrustManager from './java-accept-all-trust-manager/rule.json';
import javaHostnameVerifierAcceptsAll from './java-hostname-verifier-accepts-all/rule.json';
import javaTrustAllCertificates from './java-trust-all-certificates/rule.json';
import javaTrustManagerNoChainCheck from './java-trust-manager-no-chain-check/rule.json';
import jwtHardcodedSecret from './jwt-hardcoded-secret/rule.json';
import jwtVerificationDisabled from './jwt-verification-disabled/rule.json';
import ldapInjection from './ldap-injection/rule.json';
import logInjection from './log-injection/rule.json';
import nodeTlsEnvDisabled from './node-tls-env-disabled/rule.json';
import nosqlInjection from './nosql-injection/rule.json';
import openRedirect from './open-redirect/rule.json';
import paramikoHostKeyPolicyAccepts from './paramiko-host-key-policy-accepts/rule.json';
import pathTraversal from './path-traversal/rule.json';
import permissiveFilePermissions from './permissive-file-permissions/rule.json';
import pseudoRandomBytes from './pseudo-random-bytes/rule.json';
import pythonSslUnverifiedContext from './python-ssl-unverified-context/rule.json';
import regexInjection from './regex-injection/rule.json';
import remoteCommandInjection from './remote-command-injection/rule.json';
import sqlInjection from './sql-injection/rule.json';
import sqlInjectionOrm from './sql-injection-orm/rule.json';
import ssrf from './ssrf/rule.json';
import sshHostKeyNotVerified from './ssh-host-key-not-verified/rule.json';
import templateInjection from './template-injection/rule.json';
import tlsVerificationDisabled from './tls-verification-disabled/rule.json';
import trustBoundaryViolation from './trust-boundary-violation/rule.json';
import unsafeDeserialization from './unsafe-deserialization/rule.json';
import unsafeDynamicImport from './unsafe-dynamic-import/rule.json';
import unsafeReflection from './unsafe-reflection/rule.json';
import unsafeYamlLoad from './unsafe-yaml-load/rule.json';
import vendorToken from './vendor-token/rule.json';
import weakCipher from './weak-cipher/rule.json';
import weakHash from './weak-hash/rule.json';
import weakTlsProtocol from './weak-tls-protocol/rule.json';
import xpathInjection from './xpath-injection/rule.json';
import xssResponse from './xss-response/rule.json';
import xxe from './xxe/rule.json';
import zipSlip from './zip-slip/rule.json';

export const RULES: readonly GuardRule[] = checkRules([
  commandInjection,
  commandInjectionOsExec,
  commandInjectionProgram,
  commandInjectionShellOption,
  cookieHttponlyDisabled,
  cookieInsecure,
  corsWildcardCredentials,
  csrfDisabled,
  debugModeEnabled,
  domXss,
  dynamicEval,
  expressionLanguageInjection,
  hardcodedConnectionPassword,
  hardcodedCredentialArgument,
  hardcodedCryptoKey,
  hardcodedSqlPassword,
  hardcodedSecret,
  headerInjection,
  insecureRandomness,
  insecureTempFile,
  insecureTlsConnectionOption,
  javaAcceptAllTrustManager,
  javaHostnameVerifierAcceptsAll,
  javaTrustAllCertificates,
  javaTrustManagerNoChainCheck,
  jwtHardcodedSecret,
  jwtVerificationDisabled,
  ldapInjection,
  logInjection,
  nodeTlsEnvDisabled,
  nosqlInjection,
  openRedirect,
  paramikoHostKeyPolicyAccepts,
  pathTraversal,
  permissiveFilePermissions,
  pseudoRandomBytes,
  pythonSslUnverifiedContext,
  regexInjection,
  remoteCommandInjection,
  sqlInjection,
  sqlInjectionOrm,
  ssrf,
  sshHostKeyNotVerified,
  templateInjection,
  tlsVerificationDisabled,
  trustBoundaryViolation,
  unsafeDeserialization,
  unsafeDynamicImport,
  unsafeReflection,
  unsafeYamlLoad,
  vendorToken,
  weakCipher,
  weakHash,
  weakTlsProtocol,
  xpathInjection,
  xssResponse,
  xxe,
  zipSlip,
]);
