import type { PostalAddress } from '../../accounts/schema.js';

/** A postal address as it is written on an envelope. */
export function AddressText(props: { address: PostalAddress }) {
  const { address } = props;
  return (
    <address>
      {address.recipient}
      <br />
      {address.careOf ? (
        <>
          c/o {address.careOf}
          <br />
        </>
      ) : null}
      {address.street}
      <br />
      {address.postalCode} {address.city}
    </address>
  );
}
