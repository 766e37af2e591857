package org.weimin.ops.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs ledger checkpoints, kept outside the event store: the private key in a PEM file
 * (PKCS#8; default {@code <data-dir>/secrets/ledger-signing.key}, created on first use with permissions 600) and the
 * public key beside it ({@code ledger-signing.pub}, X.509 PEM) for verifiers. Copy the public key somewhere the
 * database's writers cannot change it and give that copy to {@code verify --public-key=...}.
 */
public final class LedgerSigningKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private LedgerSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the key pair, or generates it when the private key file does not exist (the public file beside it). */
    public static LedgerSigningKey loadOrCreate(Path privateFile) {
        Path publicFile = publicFileFor(privateFile);
        try {
            if (!Files.exists(privateFile)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Path dir = privateFile.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve(privateFile.getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp);
                ownerOnly(tmp);
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, privateFile, StandardCopyOption.ATOMIC_MOVE);
                    Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                            StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile))));
            return new LedgerSigningKey(priv, readPublicKey(publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger signing key " + privateFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable ledger signing key " + privateFile, e);
        }
    }

    /** The public key file that belongs to a private key file: same name, extension {@code .pub}. */
    public static Path publicFileFor(Path privateFile) {
        String name = privateFile.getFileName().toString();
        String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
        return privateFile.resolveSibling(base + ".pub");
    }

    /** Reads an Ed25519 public key (X.509 PEM). */
    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(Files.readString(file))));
    }

    /** Id of a public key: the first 16 hex digits of SHA-256 over its X.509 encoding. */
    public static String keyId(PublicKey key) {
        return LedgerHash.hex(LedgerHash.sha256().digest(key.getEncoded())).substring(0, 16);
    }

    /** This key's id. */
    public String keyId() {
        return keyId(publicKey);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Ed25519 signature of {@code text}, base64. */
    public String sign(byte[] text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(text);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    /** Whether {@code signature} (base64) is {@code key}'s Ed25519 signature of {@code text}. */
    public static boolean verify(PublicKey key, byte[] text, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Writes the private key (PKCS#8 PEM) to a new file with owner-only permissions. */
    void writePrivateKey(Path file) throws IOException {
        Files.createFile(file);
        ownerOnly(file);
        Files.writeString(file, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Writes the public key (X.509 PEM). */
    void writePublicKey(Path file) throws IOException {
        Files.writeString(file, pem("PUBLIC KEY", publicKey.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** A fresh key pair held in memory only (tests, the benchmark, and a rotation before it writes the files). */
    public static LedgerSigningKey ephemeral() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new LedgerSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: nothing more to do here
        }
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private static byte[] unpem(String text) {
        String body = Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.startsWith("-----"))
                .reduce("", String::concat);
        return Base64.getDecoder().decode(body);
    }

    @Override
    public String toString() {
        return "LedgerSigningKey[" + keyId() + "]";
    }
}
