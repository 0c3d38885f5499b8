Console.WriteLine("auditkit");
