import AWS from 'aws-sdk';
import { createTransport } from './mailer';

export interface TransportOptions {
  region: string;
  sesConfig?: AWS.SES.ClientConfiguration;
}

export const transport = ({ sesConfig }: TransportOptions) => createTransport({ SES: new AWS.SES(sesConfig) });
