CREATE PROCEDURE dbo.SearchCustomers
    @Column NVARCHAR(64),
    @Term NVARCHAR(200)
AS
BEGIN
    DECLARE @sql NVARCHAR(MAX);
    SET @sql = N'SELECT id, name FROM dbo.Customers WHERE ' + @Column + N' LIKE ''%' + @Term + N'%''';
    EXEC (@sql);
END;
