import nodemailer, { type Transporter } from 'nodemailer';

/** A message as handed to a transport. */
export interface MailEnvelope {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable id of the outbox row, sent as Message-ID so a resend after a crash is recognisable. */
  messageId: string;
}

/** Something that sends e-mail; throws when the message was not accepted. */
export interface MailTransport {
  send(message: MailEnvelope): Promise<void>;
}

/** A transport over a nodemailer transporter (SMTP in production, stream/json ones in tests). */
export function nodemailerTransport(transporter: Transporter): MailTransport {
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
    },
  };
}

const smtpTransports = new Map<string, MailTransport>();

/**
 * The SMTP transport for SMTP_URL, or null when none is configured (messages then stay in the
 * outbox for developers to read). One pooled transporter per URL for the life of the process.
 */
export function transportFromConfig(config: { SMTP_URL?: string | undefined }): MailTransport | null {
  const url = config.SMTP_URL;
  if (!url) return null;
  let transport = smtpTransports.get(url);
  if (!transport) {
    transport = nodemailerTransport(nodemailer.createTransport(url));
    smtpTransports.set(url, transport);
  }
  return transport;
}
