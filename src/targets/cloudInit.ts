import { stringify } from "yaml";

export interface CloudInitKeys {
  /** The public key that may log in as the image's default user. */
  authorizedKey: string;
  /** The VM's ed25519 host key pair, made by staging so that it is known before the VM boots. */
  hostPrivateKey: string;
  hostPublicKey: string;
}

/**
 * The cloud-config a multipass VM is launched with: staging's user key authorized, and a host key
 * given (not generated on first boot) so known_hosts can trust exactly that key. Contains a private
 * key: write it with mode 0600 and delete it after the launch.
 */
export function cloudInit(keys: CloudInitKeys): string {
  const config = {
    ssh_deletekeys: true,
    ssh_genkeytypes: [],
    ssh_keys: {
      ed25519_private: keys.hostPrivateKey.endsWith("\n") ? keys.hostPrivateKey : `${keys.hostPrivateKey}\n`,
      ed25519_public: keys.hostPublicKey.trim(),
    },
    ssh_authorized_keys: [keys.authorizedKey.trim()],
    ssh_pwauth: false,
  };
  return `#cloud-config\n${stringify(config)}`;
}
